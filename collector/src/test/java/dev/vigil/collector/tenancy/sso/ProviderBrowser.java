package dev.vigil.collector.tenancy.sso;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser without a screen for the API-level sign-in tests: a cookie jar, no automatic redirects, and the few steps
 * of signing in at {@link SpringOidcProvider}'s own login form (with its CSRF token).
 */
final class ProviderBrowser {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "text/html")
                .GET()
                .build());
    }

    /** The redirect target of a 302; fails when the answer is no redirect. */
    static String location(HttpResponse<String> r) {
        if (r.statusCode() != 302 && r.statusCode() != 303) {
            throw new AssertionError(
                    "expected a redirect from " + r.uri() + ", got " + r.statusCode() + ": " + r.body());
        }
        String to = r.headers().firstValue("Location").orElseThrow();
        return r.uri().resolve(to).toString();
    }

    /**
     * Follows the provider's redirects from the authorization request, signing in as {@code user} when its login form
     * comes, until the provider sends the browser to {@code callbackPrefix}; returns that URL (with code and state).
     */
    String authorize(String authorizationUrl, String user, String callbackPrefix) {
        String url = authorizationUrl;
        for (int hop = 0; hop < 10; hop++) {
            if (url.startsWith(callbackPrefix)) {
                return url;
            }
            HttpResponse<String> r = get(url);
            if (r.statusCode() == 200 && r.uri().getPath().equals("/login")) {
                url = location(login(r, user));
            } else {
                url = location(r);
            }
        }
        throw new AssertionError("the provider never sent the browser back to " + callbackPrefix);
    }

    private HttpResponse<String> login(HttpResponse<String> form, String user) {
        Matcher csrf = CSRF.matcher(form.body());
        if (!csrf.find()) {
            throw new AssertionError("the provider's login form has no CSRF token: " + form.body());
        }
        String body = "username=" + enc(user) + "&password=" + enc(SpringOidcProvider.PASSWORD) + "&_csrf="
                + enc(csrf.group(1));
        return send(HttpRequest.newBuilder(form.uri())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** The value of a cookie this browser holds for the URL, or null. */
    String cookie(String url, String name) {
        return cookies.getCookieStore().get(URI.create(url)).stream()
                .filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue)
                .filter(v -> !v.isEmpty())
                .findFirst()
                .orElse(null);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
