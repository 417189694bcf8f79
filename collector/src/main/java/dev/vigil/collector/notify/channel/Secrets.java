package dev.vigil.collector.notify.channel;

import java.util.ArrayList;
import java.util.List;

/** The secrets a target holds, to scrub from anything a remote side or an exception says back. */
final class Secrets {
    private Secrets() {}

    static List<String> of(ChannelTarget target) {
        List<String> out = new ArrayList<>();
        if (target instanceof NtfyTarget t) {
            out.add(t.password());
            out.add(t.token());
        } else if (target instanceof GotifyTarget t) {
            out.add(t.token());
        } else if (target instanceof PushoverTarget t) {
            out.add(t.token());
            out.add(t.userKey());
        } else if (target instanceof TelegramTarget t) {
            out.add(t.botToken());
        } else if (target instanceof MailTarget t) {
            out.add(t.password());
        } else if (target instanceof WebhookTarget t) {
            out.add(t.password());
            out.addAll(t.headers().values());
            int second = t.path().indexOf('/', 1);
            out.add(second < 0 ? null : t.path().substring(second + 1));
        }
        out.removeIf(s -> s == null || s.length() < 4);
        return List.copyOf(out);
    }

    static String scrub(String text, List<String> secrets) {
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, "****");
        }
        return out;
    }
}
