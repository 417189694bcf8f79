package dev.vigil.collector.cli;

import dev.vigil.collector.config.SsoConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The single sign-on options of {@link CollectorMain}; all unset means no single sign-on. */
final class SsoOptions {
    @Option(
            names = "--sso-issuer",
            defaultValue = "${env:VIGIL_SSO_ISSUER}",
            description = "OpenID Connect issuer URL; turns on single sign-on (env VIGIL_SSO_ISSUER).")
    String issuer;

    @Option(
            names = "--sso-client-id",
            defaultValue = "${env:VIGIL_SSO_CLIENT_ID}",
            description = "Client id registered at the provider (env VIGIL_SSO_CLIENT_ID).")
    String clientId;

    @Option(
            names = "--sso-client-secret-file",
            defaultValue = "${env:VIGIL_SSO_CLIENT_SECRET_FILE}",
            description = "File holding the client secret (env VIGIL_SSO_CLIENT_SECRET_FILE, or the secret itself"
                    + " in VIGIL_SSO_CLIENT_SECRET).")
    Path clientSecretFile;

    @Option(
            names = "--sso-redirect-url",
            defaultValue = "${env:VIGIL_SSO_REDIRECT_URL}",
            description = "Redirect URL registered at the provider (env VIGIL_SSO_REDIRECT_URL, default"
                    + " <public URL>/api/sso/callback).")
    String redirectUrl;

    @Option(
            names = "--sso-scopes",
            defaultValue = "${env:VIGIL_SSO_SCOPES:-openid,profile,email}",
            split = ",",
            description = "Scopes to ask for (env VIGIL_SSO_SCOPES, default ${DEFAULT-VALUE}).")
    List<String> scopes;

    @Option(
            names = "--sso-username-claim",
            defaultValue = "${env:VIGIL_SSO_USERNAME_CLAIM:-preferred_username}",
            description = "ID token claim naming the Vigil user (env VIGIL_SSO_USERNAME_CLAIM, default"
                    + " ${DEFAULT-VALUE}).")
    String usernameClaim;

    @Option(
            names = "--sso-role-claim",
            defaultValue = "${env:VIGIL_SSO_ROLE_CLAIM}",
            description = "ID token claim (string or list) looked up in --sso-role-map, e.g. groups or roles"
                    + " (env VIGIL_SSO_ROLE_CLAIM).")
    String roleClaim;

    @Option(
            names = "--sso-customer-claim",
            defaultValue = "${env:VIGIL_SSO_CUSTOMER_CLAIM}",
            description = "ID token claim naming the user's customer; unset: SSO users are MSP staff"
                    + " (env VIGIL_SSO_CUSTOMER_CLAIM).")
    String customerClaim;

    @Option(
            names = "--sso-role-map",
            defaultValue = "${env:VIGIL_SSO_ROLE_MAP}",
            split = ",",
            description =
                    "Claim value=role pairs, e.g. vigil-admins=admin,vigil-ops=operator" + " (env VIGIL_SSO_ROLE_MAP).")
    List<String> roleMap;

    @Option(
            names = "--sso-create-users",
            defaultValue = "${env:VIGIL_SSO_CREATE_USERS:-true}",
            arity = "1",
            description = "Create unknown users at their first sign-in (true) or refuse them (false)"
                    + " (env VIGIL_SSO_CREATE_USERS, default ${DEFAULT-VALUE}).")
    boolean createUsers;

    @Option(
            names = "--sso-skip-totp",
            defaultValue = "${env:VIGIL_SSO_SKIP_TOTP:-true}",
            arity = "1",
            description = "SSO sign-ins skip Vigil's one-time code, leaving MFA to the provider (true), or users"
                    + " with TOTP on or a role in --totp-required-roles cannot sign in by SSO (false)"
                    + " (env VIGIL_SSO_SKIP_TOTP, default ${DEFAULT-VALUE}).")
    boolean skipTotp;

    @Option(
            names = "--sso-label",
            defaultValue = "${env:VIGIL_SSO_LABEL}",
            description = "Provider name on the login button, e.g. Keycloak (env VIGIL_SSO_LABEL).")
    String label;

    /** Null when single sign-on is off; problems of the options are added to {@code problems}. */
    SsoConfig config(List<String> problems) {
        if (issuer == null || issuer.isBlank()) {
            return null;
        }
        return new SsoConfig(
                issuer,
                clientId,
                secret(problems),
                redirectUrl,
                scopes == null
                        ? null
                        : scopes.stream()
                                .map(String::trim)
                                .filter(s -> !s.isEmpty())
                                .toList(),
                usernameClaim,
                roleClaim,
                customerClaim,
                roleMap(problems),
                createUsers,
                skipTotp,
                label);
    }

    private String secret(List<String> problems) {
        if (clientSecretFile == null) {
            return System.getenv("VIGIL_SSO_CLIENT_SECRET");
        }
        try {
            return Files.readString(clientSecretFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            problems.add("--sso-client-secret-file (VIGIL_SSO_CLIENT_SECRET_FILE): cannot read "
                    + clientSecretFile.toAbsolutePath());
            return null;
        }
    }

    private Map<String, String> roleMap(List<String> problems) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : roleMap == null ? List.<String>of() : roleMap) {
            int eq = pair.lastIndexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                problems.add("--sso-role-map (VIGIL_SSO_ROLE_MAP): '" + pair + "' must look like value=role");
            } else {
                out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return out;
    }
}
