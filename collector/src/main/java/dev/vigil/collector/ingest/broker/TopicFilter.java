package dev.vigil.collector.ingest.broker;

/** MQTT topic filters: syntax check and matching with {@code +} and {@code #}. */
public final class TopicFilter {
    private TopicFilter() {}

    /** True for a syntactically valid filter (MQTT 3.1.1 §4.7). */
    public static boolean isValid(String filter) {
        if (filter == null || filter.isEmpty() || filter.length() > 65535 || filter.indexOf('\0') >= 0) {
            return false;
        }
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
                return false;
            }
            if (level.contains("+") && !level.equals("+")) {
                return false;
            }
        }
        return true;
    }

    /** True for a valid topic name to publish to (no wildcards). */
    public static boolean isValidTopic(String topic) {
        return topic != null
                && !topic.isEmpty()
                && topic.indexOf('+') < 0
                && topic.indexOf('#') < 0
                && topic.indexOf('\0') < 0;
    }

    public static boolean matches(String filter, String topic) {
        if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
            return false;
        }
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length) {
                return false;
            }
            if (!f[i].equals("+") && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }
}
