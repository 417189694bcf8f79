package dev.vigil.collector.tenancy.sso;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWKSet;
import dev.vigil.collector.tenancy.SsoAccounts.Refused;
import dev.vigil.protocol.WireCodec;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The OpenID Connect provider as seen over HTTP: its discovery document (cached for {@link #METADATA_TTL}), its
 * signing keys (cached, fetched again when a token names a key not yet known: key rotation) and its token endpoint.
 * Blocking.
 */
final class OidcProvider {
    static final Duration METADATA_TTL = Duration.ofHours(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** What the discovery document says, as far as the code flow needs it. */
    record Metadata(URI authorizationEndpoint, URI tokenEndpoint, URI jwksUri, boolean secretInBody) {}

    private final String issuer;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private volatile Metadata metadata;
    private volatile Instant metadataAt = Instant.MIN;
    private volatile JWKSet keys;

    OidcProvider(String issuer, Clock clock) {
        this.issuer = issuer;
        this.clock = clock;
    }

    String issuer() {
        return issuer;
    }

    Metadata metadata() throws Refused {
        Instant now = clock.instant();
        if (metadata == null || metadataAt.plus(METADATA_TTL).isBefore(now)) {
            JsonNode doc = getJson(URI.create(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration"));
            if (!issuer.equals(doc.path("issuer").asText())) {
                throw new Refused("the provider's discovery document names the issuer '"
                        + doc.path("issuer").asText() + "', not " + issuer);
            }
            JsonNode methods = doc.path("token_endpoint_auth_methods_supported");
            boolean basic = methods.isMissingNode() || contains(methods, "client_secret_basic");
            metadata = new Metadata(
                    uri(doc, "authorization_endpoint"),
                    uri(doc, "token_endpoint"),
                    uri(doc, "jwks_uri"),
                    !basic && contains(methods, "client_secret_post"));
            metadataAt = now;
        }
        return metadata;
    }

    /** The provider's signing keys; {@code refresh} fetches them again (a token named a key not yet known). */
    JWKSet keys(boolean refresh) throws Refused {
        if (keys == null || refresh) {
            try {
                keys = JWKSet.parse(getText(metadata().jwksUri()));
            } catch (ParseException e) {
                throw new Refused("the provider's signing keys are not a JWK set");
            }
        }
        return keys;
    }

    /** Exchanges the code for tokens; returns the ID token. */
    String redeem(String code, String verifier, String redirectUri, String clientId, String secret) throws Refused {
        Metadata m = metadata();
        Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("code_verifier", verifier);
        HttpRequest.Builder request = HttpRequest.newBuilder(m.tokenEndpoint())
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json");
        if (m.secretInBody()) {
            form.put("client_id", clientId);
            form.put("client_secret", secret);
        } else {
            String pair = encode(clientId) + ":" + encode(secret);
            request.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response =
                send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build());
        JsonNode json = parse(response.body(), "token endpoint");
        if (response.statusCode() != 200) {
            throw new Refused("the provider refused the code: "
                    + oneLine(json.path("error").asText("HTTP " + response.statusCode())));
        }
        if (!json.path("id_token").isTextual()) {
            throw new Refused("the provider's token response has no ID token (is the openid scope allowed?)");
        }
        return json.get("id_token").asText();
    }

    private JsonNode getJson(URI uri) throws Refused {
        return parse(getText(uri), uri.getPath());
    }

    private String getText(URI uri) throws Refused {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Accept", "application/json")
                .GET()
                .build());
        if (response.statusCode() != 200) {
            throw new Refused("the provider answered HTTP " + response.statusCode() + " for " + uri);
        }
        return response.body();
    }

    private HttpResponse<String> send(HttpRequest request) throws Refused {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new Refused("cannot reach the provider at " + request.uri().getHost() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("interrupted while asking the provider");
        }
    }

    private static JsonNode parse(String text, String what) throws Refused {
        try {
            return WireCodec.mapper().readTree(text);
        } catch (IOException e) {
            throw new Refused("the provider's " + what + " did not answer JSON");
        }
    }

    private static URI uri(JsonNode doc, String field) throws Refused {
        String text = doc.path(field).asText("");
        if (!text.matches("https?://.+")) {
            throw new Refused("the provider's discovery document has no usable " + field);
        }
        return URI.create(text);
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode n : array) {
            if (value.equals(n.asText())) {
                return true;
            }
        }
        return false;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String oneLine(String s) {
        String t = s.replaceAll("[\\r\\n]+", " ");
        return t.length() > 200 ? t.substring(0, 200) : t;
    }
}
