package dev.vigil.protocol;

import java.util.List;
import java.util.stream.Collectors;

/** A payload that does not satisfy the wire contract; carries every violation found. */
public final class PayloadRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient PayloadKind kind;
    private final transient List<Violation> violations;

    public PayloadRejectedException(PayloadKind kind, List<Violation> violations) {
        super(kind.name().toLowerCase(java.util.Locale.ROOT) + " payload rejected: "
                + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        this.kind = kind;
        this.violations = List.copyOf(violations);
    }

    public PayloadKind kind() {
        return kind;
    }

    public List<Violation> violations() {
        return violations;
    }
}
