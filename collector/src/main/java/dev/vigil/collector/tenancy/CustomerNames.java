package dev.vigil.collector.tenancy;

/**
 * What a customer name may be: 1 to 100 characters on one line, not only spaces. Anything else is allowed (an MSP's
 * customers are called "Müller & Söhne" or "<O'Brien>"); names are only ever bound as SQL parameters and escaped
 * where shown.
 */
final class CustomerNames {
    static final int MAX_LENGTH = 100;

    private CustomerNames() {}

    /** @throws IllegalArgumentException naming what is wrong */
    static String check(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("customer name must not be empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("customer name must have at most " + MAX_LENGTH + " characters");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("customer name must be one line without control characters");
        }
        return name;
    }
}
