package dev.vigil.collector.tenancy;

import dev.vigil.collector.auth.Role;
import dev.vigil.collector.store.TenancyStore.UserRow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every user's role and customer (no customer: MSP staff), in memory like {@link SiteOwners}. A user this copy does
 * not know (created on another collector sharing the store less than a reload ago) is nobody's staff: the sign-in
 * paths read it from the store first ({@link TenancySync#learnUser}) and the MQTT ACL shows it nothing. Thread-safe.
 */
public final class UserScopes {
    /** A user's role and customer (null: MSP staff). */
    record Scope(Role role, String customer) {}

    private final StoreCopy<Map<String, Scope>> users = new StoreCopy<>(Map.of());

    /** The user's customer, null for MSP staff (and for a user this copy does not know: check {@link #known}). */
    public String customerOf(String username) {
        Scope s = username == null ? null : users.get().get(username);
        return s == null ? null : s.customer();
    }

    /** True when the user exists as far as this copy knows. */
    public boolean known(String username) {
        return username != null && users.get().containsKey(username);
    }

    /** The user's role as stored, empty for a user this copy does not know. */
    public Optional<Role> role(String username) {
        Scope s = username == null ? null : users.get().get(username);
        return s == null ? Optional.empty() : Optional.of(s.role());
    }

    long changes() {
        return users.changes();
    }

    /** False when a local change came after {@code seen} (the read may predate it). */
    boolean reload(List<UserRow> rows, long seen) {
        Map<String, Scope> fresh = new HashMap<>();
        for (UserRow r : rows) {
            Role.parse(r.role()).ifPresent(role -> fresh.put(r.username(), new Scope(role, r.customer())));
        }
        return users.reload(Map.copyOf(fresh), seen);
    }

    /** A user created, changed or read here; {@code customer} null for MSP staff. */
    void put(String username, Role role, String customer) {
        users.change(m -> StoreCopy.withEntry(m, username, new Scope(role, customer)));
    }

    void remove(String username) {
        users.change(m -> StoreCopy.withEntry(m, username, null));
    }

    boolean hasUsers(String customer) {
        return users.get().values().stream().anyMatch(s -> customer.equals(s.customer()));
    }
}
