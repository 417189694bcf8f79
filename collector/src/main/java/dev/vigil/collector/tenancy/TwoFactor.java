package dev.vigil.collector.tenancy;

import dev.vigil.collector.auth.Role;
import dev.vigil.collector.store.TenancyStore;
import dev.vigil.collector.store.TenancyStore.TotpRecord;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * TOTP two-factor sign-in per user: enrol (a secret shown once as an {@code otpauth://} URI), confirm with a first
 * code (which turns it on and hands out {@link #RECOVERY_CODES} single-use recovery codes, stored as SHA-256), then
 * every password sign-in also needs a current code or an unused recovery code. A code is accepted once: the store
 * keeps the last step used and refuses that step and earlier ones, atomically, so a code seen over a shoulder or
 * replayed does not work again within its window. Roles listed in the policy must enrol before they can do anything
 * else. Blocking except {@link #enrolled}, {@link #mustEnrol} and {@link #required}, which read a copy in memory
 * ({@link TenancySync} reloads it when collectors share the store); a sign-in asks the store.
 */
public final class TwoFactor {
    public static final int RECOVERY_CODES = 10;
    private static final String ISSUER = "Vigil";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The outcome of a sign-in's second factor. */
    public enum Verdict {
        NOT_ENROLLED,
        MISSING,
        WRONG,
        ACCEPTED,
        ACCEPTED_RECOVERY_CODE
    }

    /** What an authenticator app needs, shown once. */
    public record Enrollment(String secret, String uri) {
        @Override
        public String toString() {
            return "Enrollment[…]";
        }
    }

    private final TenancyStore store;
    private final Clock clock;
    private final AuthLog log;
    private final Set<Role> requiredFor;
    private final StoreCopy<Set<String>> enrolled = new StoreCopy<>(Set.of());
    private final Set<String> exempt = ConcurrentHashMap.newKeySet();

    public TwoFactor(TenancyStore store, Clock clock, AuthLog log, Set<Role> requiredFor) {
        this.store = store;
        this.clock = clock;
        this.log = log;
        this.requiredFor = Set.copyOf(requiredFor);
    }

    long changes() {
        return enrolled.changes();
    }

    /** False when a local change came after {@code seen} (the read may predate it). */
    boolean reload(List<String> totpUsers, long seen) {
        return enrolled.reload(Set.copyOf(totpUsers), seen);
    }

    /** From the copy in memory: up to a reload late for a change made on another collector sharing the store. */
    public boolean enrolled(String username) {
        return enrolled.get().contains(username);
    }

    /** From the store, for a sign-in (also one on another collector a moment after the enrolment). Blocking. */
    public boolean enrolledNow(String username) {
        return store.totp(username).filter(TotpRecord::enabled).isPresent();
    }

    /** Single sign-on users whose provider does the second factor: the role requirement does not apply to them. */
    public void exemptFromRequirement(String username) {
        exempt.add(username);
    }

    /** True when this user must turn on two-factor sign-in before doing anything else. */
    public boolean mustEnrol(String username, Role role) {
        return required(role) && !enrolled(username) && !exempt.contains(username);
    }

    /** True when users of this role must have two-factor sign-in. */
    public boolean required(Role role) {
        return requiredFor.contains(role);
    }

    /** Starts (or restarts, while not yet confirmed) an enrolment. @throws IllegalStateException when already on */
    public Enrollment begin(String username) {
        if (enrolled(username)) {
            throw new IllegalStateException("two-factor sign-in is on already; turn it off first");
        }
        byte[] secret = new byte[20];
        RANDOM.nextBytes(secret);
        String base32 = Base32.encode(secret);
        store.putTotp(new TotpRecord(username, base32, false, -1), clock.instant());
        String label = URLEncoder.encode(ISSUER + ":" + username, StandardCharsets.UTF_8);
        return new Enrollment(
                base32,
                "otpauth://totp/" + label + "?secret=" + base32 + "&issuer=" + ISSUER + "&algorithm=SHA1&digits="
                        + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS);
    }

    /** Turns it on when the code matches the pending secret; returns the recovery codes, shown once. */
    public Optional<List<String>> confirm(String username, String code) {
        Optional<TotpRecord> pending = store.totp(username).filter(t -> !t.enabled());
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        OptionalLong step = Totp.verify(Base32.decode(pending.get().secret()), code, clock.instant(), -1);
        if (step.isEmpty()) {
            return Optional.empty();
        }
        store.putTotp(new TotpRecord(username, pending.get().secret(), true, step.getAsLong()), clock.instant());
        List<String> codes = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            byte[] b = new byte[10];
            RANDOM.nextBytes(b);
            String c = Base32.encode(b).toLowerCase(Locale.ROOT);
            String shown = c.substring(0, 8) + "-" + c.substring(8);
            codes.add(shown);
            hashes.add(ApiTokens.hash(normalize(shown)));
        }
        store.replaceRecoveryCodes(username, hashes);
        enrolled.change(e -> StoreCopy.withMember(e, username, true));
        log.record("totp_enabled", username, null, username);
        return Optional.of(codes);
    }

    /** The second factor of a sign-in whose password was right. */
    public Verdict check(String username, String code) {
        Optional<TotpRecord> t = store.totp(username).filter(TotpRecord::enabled);
        if (t.isEmpty()) {
            return Verdict.NOT_ENROLLED;
        }
        if (code == null || code.isBlank()) {
            return Verdict.MISSING;
        }
        OptionalLong step = Totp.verify(
                Base32.decode(t.get().secret()), code, clock.instant(), t.get().lastStep());
        if (step.isPresent() && store.advanceTotpStep(username, step.getAsLong())) {
            return Verdict.ACCEPTED;
        }
        String normalized = normalize(code);
        if (normalized.length() == 16 && store.useRecoveryCode(username, ApiTokens.hash(normalized), clock.instant())) {
            log.record("recovery_code_used", username, null, username);
            return Verdict.ACCEPTED_RECOVERY_CODE;
        }
        return Verdict.WRONG;
    }

    /** Turns it off (the user with a current code, or an admin). Blocking. */
    public boolean disable(String username, String actor) {
        boolean was = enrolled(username) || enrolledNow(username);
        store.deleteTotp(username);
        enrolled.change(e -> StoreCopy.withMember(e, username, false));
        if (was) {
            log.record("totp_disabled", username, null, actor);
        }
        return was;
    }

    private static String normalize(String code) {
        return code.replace("-", "").replace(" ", "").toLowerCase(Locale.ROOT);
    }
}
