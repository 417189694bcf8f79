package dev.vigil.agent.command;

/**
 * Why a command is refused ({@code command.rejected}): a reason word of docs/commands.md and a one-line detail. The
 * id, action and issuer are what the command said, as far as they could be read (null otherwise); before the
 * signature is checked they are only claims.
 */
public record CommandRejection(String reason, String detail, String id, String action, String issuer) {
    public static final String NOT_CONFIGURED = "not_configured";
    public static final String MALFORMED = "malformed";
    public static final String WRONG_SITE = "wrong_site";
    public static final String UNSIGNED = "unsigned";
    public static final String BAD_SIGNATURE = "bad_signature";
    public static final String EXPIRED = "expired";
    public static final String BAD_TIME = "bad_time";
    public static final String REPLAYED = "replayed";
    public static final String UNKNOWN_ACTION = "unknown_action";
    public static final String BAD_ARGS = "bad_args";
    public static final String BUSY = "busy";

    private static final int MAX_DETAIL = 300;

    public CommandRejection {
        detail = oneLine(detail);
    }

    /** Whitespace runs (newlines included) become one space; long texts are cut. */
    static String oneLine(String text) {
        String line = String.valueOf(text).replaceAll("\\s+", " ").trim();
        return line.length() <= MAX_DETAIL ? line : line.substring(0, MAX_DETAIL - 1) + "…";
    }
}
