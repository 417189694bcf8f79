package dev.vigil.collector.config;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Single sign-on with an OpenID Connect provider (authorization code flow with PKCE).
 *
 * @param issuer the provider's issuer URL; its {@code /.well-known/openid-configuration} is read at the first sign-in
 * @param clientId the client id registered at the provider
 * @param clientSecret the client secret (read from a file or the environment; never logged)
 * @param redirectUrl where the provider sends the browser back; null for {@code <public URL>/api/sso/callback}
 * @param scopes the scopes asked for; {@code openid} is always among them
 * @param usernameClaim the ID token claim that names the Vigil user
 * @param roleClaim the claim whose value (a string or a list of strings) is looked up in {@code roleMap}
 * @param customerClaim the claim naming the user's customer; null when every SSO user is MSP staff
 * @param roleMap claim value → Vigil role (viewer, operator, admin); the highest role matched wins
 * @param createUsers true to create unknown users at their first sign-in, false to admit only users who exist
 * @param skipTotp true when an SSO sign-in does not ask for Vigil's one-time code (the provider does the MFA); false
 *     when users with TOTP on or a role that requires it are refused single sign-on
 * @param label the provider's name on the login page button
 */
public record SsoConfig(
        String issuer,
        String clientId,
        String clientSecret,
        String redirectUrl,
        List<String> scopes,
        String usernameClaim,
        String roleClaim,
        String customerClaim,
        Map<String, String> roleMap,
        boolean createUsers,
        boolean skipTotp,
        String label) {
    public static final String CALLBACK_PATH = "/api/sso/callback";
    public static final List<String> DEFAULT_SCOPES = List.of("openid", "profile", "email");

    public SsoConfig {
        scopes = scopes == null || scopes.isEmpty() ? DEFAULT_SCOPES : List.copyOf(scopes);
        roleMap = roleMap == null ? Map.of() : Map.copyOf(roleMap);
        usernameClaim = usernameClaim == null || usernameClaim.isBlank() ? "preferred_username" : usernameClaim;
        label = label == null || label.isBlank() ? "single sign-on" : label;
    }

    /** The redirect URL to register at the provider. */
    public String effectiveRedirectUrl(String publicUrl) {
        if (redirectUrl != null && !redirectUrl.isBlank()) {
            return redirectUrl;
        }
        return publicUrl == null ? null : publicUrl.replaceAll("/+$", "") + CALLBACK_PATH;
    }

    void check(List<String> out, String publicUrl) {
        if (!isHttpUrl(issuer)) {
            out.add("--sso-issuer (VIGIL_SSO_ISSUER): '" + issuer + "' must be an https:// URL");
        } else if (issuer.startsWith("http://") && !onLoopback(issuer)) {
            out.add("--sso-issuer (VIGIL_SSO_ISSUER): '" + issuer
                    + "' must be an https:// URL (http:// only for a provider on loopback)");
        }
        if (clientId == null || clientId.isBlank()) {
            out.add("--sso-client-id (VIGIL_SSO_CLIENT_ID): required for single sign-on");
        }
        if (clientSecret == null || clientSecret.isBlank()) {
            out.add("--sso-client-secret-file (VIGIL_SSO_CLIENT_SECRET): required for single sign-on");
        }
        String redirect = effectiveRedirectUrl(publicUrl);
        if (redirect == null) {
            out.add("--sso-redirect-url (VIGIL_SSO_REDIRECT_URL): required when --public-url is not set");
        } else if (!isHttpUrl(redirect)) {
            out.add("--sso-redirect-url (VIGIL_SSO_REDIRECT_URL): '" + redirect + "' must be an http(s) URL");
        }
        if (!scopes.contains("openid")) {
            out.add("--sso-scopes (VIGIL_SSO_SCOPES): must include openid");
        }
        if (roleClaim == null || roleClaim.isBlank()) {
            out.add("--sso-role-claim (VIGIL_SSO_ROLE_CLAIM): required for single sign-on, e.g. groups");
        }
        if (roleMap.isEmpty()) {
            out.add("--sso-role-map (VIGIL_SSO_ROLE_MAP): map at least one claim value to a role,"
                    + " e.g. vigil-admins=admin,vigil-ops=operator");
        }
        roleMap.forEach((value, role) -> {
            if (!List.of("viewer", "operator", "admin").contains(role)) {
                out.add("--sso-role-map (VIGIL_SSO_ROLE_MAP): '" + value + "=" + role
                        + "' does not name a role; use viewer, operator or admin");
            }
        });
    }

    private static boolean onLoopback(String url) {
        String host = URI.create(url).getHost();
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    private static boolean isHttpUrl(String text) {
        if (text == null || !text.matches("https?://.+")) {
            return false;
        }
        try {
            return URI.create(text).getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "SsoConfig[issuer=" + issuer + ", clientId=" + clientId + "]";
    }
}
