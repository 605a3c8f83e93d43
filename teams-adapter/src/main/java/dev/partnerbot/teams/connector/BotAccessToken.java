package dev.partnerbot.teams.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.bot.connector.authentication.AppCredentials;
import com.microsoft.bot.connector.authentication.AuthenticationException;
import com.microsoft.bot.connector.authentication.Authenticator;
import dev.partnerbot.config.Secret;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's outbound credentials: an OAuth2 client-credentials request made through OkHttp to a
 * configurable token endpoint ({@code BOTFRAMEWORK_TOKEN_URL}), with the token cached until five
 * minutes before it expires.
 *
 * <p>The SDK's own {@code MicrosoftAppCredentials} go through MSAL4J, which accepts only https
 * authorities on Microsoft's hosts and, without a tenant, asks the multi-tenant endpoint that new
 * single-tenant Azure bots are refused by (AADSTS700016). The token URL already names the tenant.
 */
public final class BotAccessToken extends AppCredentials {
    /** Scope of tokens for the public Bot Connector service. */
    public static final String BOT_CONNECTOR_SCOPE = "https://api.botframework.com/.default";

    private static final Logger LOG = LoggerFactory.getLogger(BotAccessToken.class);
    private static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);
    private static final Pattern AAD_ERROR = Pattern.compile("AADSTS\\d+");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Secret password;
    private final HttpUrl tokenUrl;
    private final String scope;
    private final OkHttpClient http;
    private final Clock clock;
    private String token;          // guarded by this
    private Instant refreshAfter;  // guarded by this

    public BotAccessToken(String appId, Secret password, Optional<String> tenantId, URI tokenUrl, String scope,
                          OkHttpClient http, Clock clock) {
        super(tenantId.orElse(null), scope);
        setAppId(Objects.requireNonNull(appId, "appId"));
        this.password = Objects.requireNonNull(password, "password");
        this.tokenUrl = HttpUrl.get(tokenUrl.toString());
        this.scope = scope;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<String> getToken() {
        try {
            return CompletableFuture.completedFuture(current());
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e instanceof AuthenticationException ? e : new AuthenticationException(e));
        }
    }

    @Override
    public String oAuthEndpoint() {
        return tokenUrl.toString();
    }

    @Override
    protected Authenticator buildAuthenticator() {
        // getToken() is overridden: MSAL is never used.
        throw new UnsupportedOperationException("BotAccessToken requests tokens itself");
    }

    /** Forgets the cached token, e.g. after the connector answered 401. */
    public synchronized void invalidate() {
        token = null;
        refreshAfter = null;
    }

    private synchronized String current() throws IOException {
        Instant now = clock.instant();
        if (token != null && now.isBefore(refreshAfter)) {
            return token;
        }
        Request request = new Request.Builder()
                .url(tokenUrl)
                .post(new FormBody.Builder()
                        .add("grant_type", "client_credentials")
                        .add("client_id", getAppId())
                        .add("client_secret", password.reveal())
                        .add("scope", scope)
                        .build())
                .build();
        long started = System.nanoTime();
        try (Response response = http.newCall(request).execute()) {
            ResponseBody body = response.body();
            String text = body == null ? "" : body.string();
            if (!response.isSuccessful()) {
                throw new AuthenticationException("token endpoint answered " + response.code() + describeError(text));
            }
            JsonNode json = JSON.readTree(text);
            String accessToken = json.path("access_token").asText("");
            long expiresIn = json.path("expires_in").asLong(0);
            if (accessToken.isEmpty() || expiresIn <= 0) {
                throw new AuthenticationException("token endpoint answered without access_token or expires_in");
            }
            Duration lifetime = Duration.ofSeconds(expiresIn);
            // Short-lived tokens (tests, stand-ins) are refreshed half-way instead.
            Duration margin = lifetime.compareTo(REFRESH_BEFORE_EXPIRY.multipliedBy(2)) > 0
                    ? REFRESH_BEFORE_EXPIRY : lifetime.dividedBy(2);
            token = accessToken;
            refreshAfter = now.plus(lifetime).minus(margin);
            LOG.info("obtained bot access token, expires in {} s ({} ms)", expiresIn,
                    (System.nanoTime() - started) / 1_000_000);
            return token;
        }
    }

    /** The OAuth error code and AADSTS number only: safe to log, enough to diagnose. */
    private static String describeError(String body) {
        StringBuilder s = new StringBuilder();
        try {
            JsonNode json = JSON.readTree(body);
            String error = json.path("error").asText("");
            if (!error.isEmpty()) {
                s.append(' ').append(error.replaceAll("[^A-Za-z0-9_]", ""));
            }
            Matcher m = AAD_ERROR.matcher(json.path("error_description").asText(""));
            if (m.find()) {
                s.append(' ').append(m.group());
            }
        } catch (IOException | RuntimeException notJson) {
            // nothing useful to add
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return "BotAccessToken[appId=" + getAppId() + ", tokenUrl=" + tokenUrl + "]";
    }
}
