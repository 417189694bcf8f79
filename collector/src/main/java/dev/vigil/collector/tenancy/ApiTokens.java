package dev.vigil.collector.tenancy;

import dev.vigil.collector.auth.Role;
import dev.vigil.collector.store.TenancyStore;
import dev.vigil.collector.store.TenancyStore.TokenRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * API tokens for scripts: {@code vgt_ID_SECRET}, shown once, stored as a SHA-256 (a 256-bit random secret needs no
 * slow hash). A token carries at most its creator's role and scope, a name, an expiry; it can be revoked; its last use
 * is kept (written at most once per {@link #USE_WRITE_INTERVAL}). Every token is held in memory by its hash, so a
 * check costs no store call. {@link #create} and {@link #revoke} are blocking.
 */
public final class ApiTokens {
    public static final Duration MAX_LIFETIME = Duration.ofDays(365);
    public static final Duration MIN_LIFETIME = Duration.ofHours(1);
    static final Duration USE_WRITE_INTERVAL = Duration.ofMinutes(1);
    private static final Pattern FORMAT = Pattern.compile("vgt_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})");
    private static final String ID_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A token just made; {@code token} is shown once. */
    public record NewToken(TokenRecord record, String token) {
        @Override
        public String toString() {
            return "NewToken[id=" + record.id() + "]";
        }
    }

    /** The outcome of checking a bearer token. */
    public sealed interface Check permits Valid, Invalid {}

    /** @param writeUse true when the caller should persist this use ({@link #recordUse}) */
    public record Valid(TokenRecord token, Role role, boolean writeUse) implements Check {}

    public record Invalid(String reason) implements Check {}

    private final Map<String, TokenRecord> byHash = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastWritten = new ConcurrentHashMap<>();
    private final TenancyStore store;
    private final Clock clock;
    private final AuthLog log;

    public ApiTokens(TenancyStore store, Clock clock, AuthLog log) {
        this.store = store;
        this.clock = clock;
        this.log = log;
    }

    /** Reads every token from the store (at start-up). Blocking. */
    public void load() {
        byHash.clear();
        store.tokens().forEach(t -> byHash.put(t.tokenHash(), t));
    }

    /**
     * Makes a token. Blocking.
     *
     * @param ownerCustomer the creator's customer (null: MSP staff)
     * @param customer the scope asked for; a customer's user always gets its own customer
     * @throws IllegalArgumentException naming what is not allowed
     */
    public NewToken create(
            String owner,
            Role ownerRole,
            String ownerCustomer,
            String name,
            Role role,
            String customer,
            Duration lifetime) {
        if (name == null
                || name.isBlank()
                || name.length() > 100
                || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("token name must be 1 to 100 characters on one line");
        }
        if (!ownerRole.atLeast(role)) {
            throw new IllegalArgumentException(
                    "a token cannot have more than your own role (" + ownerRole.wireName() + ")");
        }
        if (ownerCustomer != null && customer != null && !ownerCustomer.equals(customer)) {
            throw new IllegalArgumentException("a token cannot reach beyond your own customer");
        }
        if (lifetime.compareTo(MIN_LIFETIME) < 0 || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("a token lives from 1 hour to 365 days");
        }
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            id.append(ID_CHARS.charAt(RANDOM.nextInt(ID_CHARS.length())));
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token =
                "vgt_" + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        TokenRecord r = new TokenRecord(
                id.toString(),
                hash(token),
                name,
                owner,
                role.wireName(),
                ownerCustomer != null ? ownerCustomer : customer,
                now,
                now.plus(lifetime),
                null,
                null);
        store.insertToken(r);
        byHash.put(r.tokenHash(), r);
        log.record("token_created", owner, null, owner);
        return new NewToken(r, token);
    }

    /**
     * Takes in what other collectors sharing the store did: tokens they created, and revocations, which count from
     * then on. A token is never forgotten here (a revoked one stays, revoked), so a token created here while the
     * store was being read cannot go missing. Blocking.
     */
    public void refresh() {
        for (TokenRecord stored : store.tokens()) {
            byHash.compute(stored.tokenHash(), (hash, mine) -> {
                if (mine == null) {
                    return stored;
                }
                return stored.revokedAt() != null && mine.revokedAt() == null
                        ? withLastUsed(mine, mine.lastUsed(), stored.revokedAt())
                        : mine;
            });
        }
    }

    /** Checks a bearer token in memory; never blocks. */
    public Check check(String bearer) {
        if (bearer == null || !FORMAT.matcher(bearer).matches()) {
            return new Invalid("malformed API token");
        }
        String hash = hash(bearer);
        TokenRecord t = byHash.get(hash);
        if (t == null) {
            return new Invalid("unknown API token");
        }
        if (t.revokedAt() != null) {
            return new Invalid("this API token was revoked");
        }
        Instant now = clock.instant();
        if (!now.isBefore(t.expiresAt())) {
            return new Invalid("this API token expired at " + t.expiresAt());
        }
        Role role = Role.parse(t.role()).orElse(null);
        if (role == null) {
            return new Invalid("unknown API token");
        }
        byHash.put(hash, withLastUsed(t, now, t.revokedAt()));
        Instant written = lastWritten.get(t.id());
        boolean write = written == null || !written.plus(USE_WRITE_INTERVAL).isAfter(now);
        if (write) {
            lastWritten.put(t.id(), now);
        }
        return new Valid(t, role, write);
    }

    /** Persists a use. Blocking. */
    public void recordUse(String id, Instant at) {
        store.touchToken(id, at);
    }

    /** Persists a use now. Blocking. */
    public void recordUse(String id) {
        recordUse(id, clock.instant());
    }

    /** Every token, newest first (revoked and expired ones too). */
    public List<TokenRecord> list() {
        return byHash.values().stream()
                .sorted(Comparator.comparing(TokenRecord::createdAt)
                        .thenComparing(TokenRecord::id)
                        .reversed())
                .toList();
    }

    /** False when there is no such token or it was revoked already. Blocking. */
    public boolean revoke(String id, String actor) {
        Instant now = clock.instant();
        if (!store.revokeToken(id, now)) {
            return false;
        }
        byHash.replaceAll((h, t) -> Objects.equals(t.id(), id) ? withLastUsed(t, t.lastUsed(), now) : t);
        log.record("token_revoked", id, null, actor);
        return true;
    }

    /** Revokes every live token of the user (the user was deleted). Blocking. */
    public void revokeAllOf(String username, String actor) {
        list().stream()
                .filter(t -> t.username().equals(username) && t.revokedAt() == null)
                .forEach(t -> revoke(t.id(), actor));
    }

    private static TokenRecord withLastUsed(TokenRecord t, Instant lastUsed, Instant revokedAt) {
        return new TokenRecord(
                t.id(),
                t.tokenHash(),
                t.name(),
                t.username(),
                t.role(),
                t.customer(),
                t.createdAt(),
                t.expiresAt(),
                lastUsed,
                revokedAt);
    }

    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
