package dev.vigil.collector.notify;

/**
 * Delivers decided notifications. Never blocks the caller and never throws for a failing channel: each attempt,
 * retry (with backoff, honouring {@code Retry-After}) and final outcome goes to the delivery log.
 */
public interface Dispatcher {
    void dispatch(ChannelRef channel, Notification notification);
}
