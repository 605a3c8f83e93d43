package dev.partnerbot.teams;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.math.BigInteger;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * One WireMock server standing in for the Bot Framework: OpenID metadata, signing keys, the token
 * endpoint and the connector ({@code serviceUrl} = its base URL). The SDK's OpenID metadata URL and
 * key cache are static per JVM, so there is one server and one signing key per test JVM. Public for
 * the app's end-to-end test, which gets it through this module's test-jar.
 */
public final class BotFrameworkStandIn {
    public static final String APP_ID = "7f1c9a8e-2b0d-4c55-9f3e-1a2b3c4d5e6f";
    public static final String APP_PASSWORD = "not-a-real-password";
    public static final String TENANT_ID = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public static final String KEY_ID = "test-signing-key";
    public static final String CHANNEL_ISSUER = "https://api.botframework.com";
    public static final String BOT_TOKEN = "bot-access-token-1";
    /** The id of the 1:1 chat the stand-in opens when the bot asks for one. */
    public static final String PERSONAL_CHAT_OPENED = "a:1PartnerBotOpenedPersonalChatWithMeiLin";

    public static final WireMockServer SERVER = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    public static final KeyPair KEY = rsa();

    static {
        SERVER.start();
        Runtime.getRuntime().addShutdownHook(new Thread(SERVER::stop));
    }

    private BotFrameworkStandIn() {
    }

    public static String baseUrl() {
        return SERVER.baseUrl();
    }

    /** The activity's serviceUrl, which must equal the token's serviceurl claim. */
    public static String serviceUrl() {
        return SERVER.baseUrl() + "/";
    }

    public static URI openIdMetadataUrl() {
        return URI.create(SERVER.baseUrl() + "/v1/.well-known/openidconfiguration");
    }

    public static URI tokenUrl() {
        return URI.create(SERVER.baseUrl() + "/" + TENANT_ID + "/oauth2/v2.0/token");
    }

    /** The environment that points a served PartnerBot's Teams adapter at this stand-in. */
    public static java.util.Map<String, String> environment() {
        return java.util.Map.of(
                "MICROSOFT_APP_ID", APP_ID,
                "MICROSOFT_APP_PASSWORD", APP_PASSWORD,
                "MICROSOFT_APP_TENANT_ID", TENANT_ID,
                "BOTFRAMEWORK_OPENID_METADATA_URL", openIdMetadataUrl().toString(),
                "BOTFRAMEWORK_TOKEN_URL", tokenUrl().toString());
    }

    /** Forgets recorded requests and stubs, then serves metadata, keys, tokens and a healthy connector. */
    public static void reset() {
        SERVER.resetAll();
        SERVER.stubFor(get(urlPathEqualTo("/v1/.well-known/openidconfiguration")).willReturn(okJson("""
                {"issuer": "https://api.botframework.com",
                 "authorization_endpoint": "https://invalid.botframework.com",
                 "jwks_uri": "%s/v1/.well-known/keys",
                 "id_token_signing_alg_values_supported": ["RS256"],
                 "token_endpoint_auth_methods_supported": ["private_key_jwt"]}
                """.formatted(SERVER.baseUrl()))));
        SERVER.stubFor(get(urlPathEqualTo("/v1/.well-known/keys")).willReturn(okJson(jwks())));
        SERVER.stubFor(post(urlPathEqualTo(tokenUrl().getPath())).willReturn(okJson("""
                {"token_type": "Bearer", "expires_in": 3599, "ext_expires_in": 3599, "access_token": "%s"}
                """.formatted(BOT_TOKEN))));
        SERVER.stubFor(post(urlPathMatching("/v3/conversations/.+/activities(/.+)?"))
                .willReturn(okJson("{\"id\": \"1700000000999\"}")));
        SERVER.stubFor(put(urlPathMatching("/v3/conversations/.+/activities/.+"))
                .willReturn(okJson("{\"id\": \"1700000000999\"}")));
        // A 1:1 chat the bot opens with a user (conversations.create).
        SERVER.stubFor(post(urlPathEqualTo("/v3/conversations")).willReturn(okJson("{\"id\": \"" + PERSONAL_CHAT_OPENED + "\"}")));
        // The roster of every team and chat: members of the bot's own tenant only.
        SERVER.stubFor(get(urlPathMatching(ROSTER)).willReturn(okJson(roster(TENANT_ID, "user"))));
    }

    /** Paged members of a team or chat (the connector's roster), read to tell who can see a conversation. */
    public static final String ROSTER = "/v3/conversations/[^/]+/pagedmembers";

    /** A one-page roster: the user who writes in the tests and a colleague whose tenant and role are given. */
    public static String roster(String colleagueTenant, String colleagueRole) {
        return """
                {"members": [
                  {"id": "29:1MeiLinTeamsUserId", "name": "Mei Lin", "aadObjectId": "6c1e3b0a-9d8f-4e7a-b6c5-d4e3f2a1b0c9",
                   "tenantId": "%s", "userRole": "user"},
                  {"id": "29:1ColleagueTeamsUserId", "name": "Sam Okafor", "aadObjectId": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
                   "tenantId": "%s", "userRole": "%s"}]}
                """.formatted(TENANT_ID, colleagueTenant, colleagueRole);
    }

    /** Connector calls that post, update or delete (roster reads left out). */
    public static java.util.List<com.github.tomakehurst.wiremock.verification.LoggedRequest> connectorWrites() {
        return SERVER.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(urlPathMatching("/v3/.*")))
                .stream().filter(r -> !r.getUrl().contains("/pagedmembers")).toList();
    }

    public static String jwks() {
        RSAPublicKey pub = (RSAPublicKey) KEY.getPublic();
        return """
                {"keys": [{"kty": "RSA", "use": "sig", "kid": "%s", "n": "%s", "e": "%s", "endorsements": ["msteams"]}]}
                """.formatted(KEY_ID, b64(pub.getModulus()), b64(pub.getPublicExponent()));
    }

    /** A channel token as the Bot Framework issues it for a Teams activity. */
    public static Token token() {
        return new Token(CHANNEL_ISSUER, APP_ID, serviceUrl(), Instant.now().plusSeconds(3600), KEY_ID, KEY);
    }

    /** A bearer token with every field that validation looks at open to change. */
    public record Token(String issuer, String audience, String serviceUrlClaim, Instant expires, String keyId, KeyPair key) {
        public Token withIssuer(String value) {
            return new Token(value, audience, serviceUrlClaim, expires, keyId, key);
        }

        public Token withAudience(String value) {
            return new Token(issuer, value, serviceUrlClaim, expires, keyId, key);
        }

        public Token withServiceUrl(String value) {
            return new Token(issuer, audience, value, expires, keyId, key);
        }

        public Token expiringAt(Instant value) {
            return new Token(issuer, audience, serviceUrlClaim, value, keyId, key);
        }

        public Token signedBy(String kid, KeyPair pair) {
            return new Token(issuer, audience, serviceUrlClaim, expires, kid, pair);
        }

        public String header() {
            Algorithm rs256 = Algorithm.RSA256((RSAPublicKey) key.getPublic(), (RSAPrivateKey) key.getPrivate());
            return "Bearer " + JWT.create()
                    .withKeyId(keyId)
                    .withIssuer(issuer)
                    .withAudience(audience)
                    .withClaim("serviceurl", serviceUrlClaim)
                    .withNotBefore(Date.from(expires.minusSeconds(7200)))
                    .withExpiresAt(Date.from(expires))
                    .sign(rs256);
        }
    }

    public static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
