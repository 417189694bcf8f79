package dev.vigil.agent.routeros;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RouterOS durations, read leniently: {@code 1s}, {@code 00:10:00}, {@code 1w2d3h4m5s}, {@code 18ms384us}. */
final class DurationText {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(w|d|h|ms|m|s|us|ns)");
    private static final Pattern CLOCK = Pattern.compile("(?:(\\d+)d)?(\\d+):(\\d\\d):(\\d\\d(?:\\.\\d+)?)");

    private DurationText() {}

    /** Null when the text is not a duration. */
    static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Matcher clock = CLOCK.matcher(text);
        if (clock.matches()) {
            long days = clock.group(1) == null ? 0 : Long.parseLong(clock.group(1));
            double seconds = Double.parseDouble(clock.group(4));
            return Duration.ofDays(days)
                    .plusHours(Long.parseLong(clock.group(2)))
                    .plusMinutes(Long.parseLong(clock.group(3)))
                    .plusNanos(Math.round(seconds * 1e9));
        }
        Matcher part = PART.matcher(text);
        double nanos = 0;
        int end = 0;
        while (part.find() && part.start() == end) {
            double amount = Double.parseDouble(part.group(1));
            nanos += amount
                    * switch (part.group(2)) {
                        case "w" -> 604_800e9;
                        case "d" -> 86_400e9;
                        case "h" -> 3_600e9;
                        case "m" -> 60e9;
                        case "s" -> 1e9;
                        case "ms" -> 1e6;
                        case "us" -> 1e3;
                        default -> 1;
                    };
            end = part.end();
        }
        return end == text.length() && end > 0 ? Duration.ofNanos(Math.round(nanos)) : null;
    }
}
