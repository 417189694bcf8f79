package dev.vigil.agent.routeros;

import dev.vigil.agent.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compatible login of routeros-api.md §1.5: {@code /login} with name and password (6.43 and later); when the
 * {@code !done} carries a challenge in {@code =ret=}, answer it with {@code 00} + MD5(0x00 ‖ password ‖ challenge).
 */
final class ApiLogin {
    private ApiLogin() {}

    static Command plain(String user, Secret password) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("name", user);
        attributes.put("password", password.reveal());
        return new Command("/login", attributes, List.of(), List.of());
    }

    static Command challengeResponse(String user, Secret password, String challengeHex) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("name", user);
        attributes.put("response", response(password.reveal(), challengeHex));
        return new Command("/login", attributes, List.of(), List.of());
    }

    /** {@code 00} followed by the lower-case hex MD5 of 0x00, the password bytes and the challenge bytes. */
    static String response(String password, String challengeHex) {
        byte[] challenge;
        try {
            challenge = HexFormat.of().parseHex(challengeHex);
        } catch (IllegalArgumentException e) {
            throw new RouterOsException(
                    RouterOsException.Kind.PROTOCOL, "login challenge is not hexadecimal: '" + challengeHex + "'");
        }
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update((byte) 0);
            md5.update(password.getBytes(StandardCharsets.UTF_8));
            md5.update(challenge);
            return "00" + HexFormat.of().formatHex(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every JDK", e);
        }
    }
}
