package dev.vigil.collector.notify.channel;

import dev.vigil.collector.notify.Notification;

/** Renders a notification for one service and makes one attempt to deliver it. Blocking; never throws. */
interface Sender {
    Attempt send(Notification notification);
}
