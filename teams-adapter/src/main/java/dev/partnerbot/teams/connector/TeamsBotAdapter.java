package dev.partnerbot.teams.connector;

import com.microsoft.bot.builder.BotCallbackHandler;
import com.microsoft.bot.builder.BotFrameworkAdapter;
import com.microsoft.bot.builder.TurnContext;
import com.microsoft.bot.connector.ConnectorClient;
import com.microsoft.bot.connector.authentication.AppCredentials;
import com.microsoft.bot.connector.authentication.AuthenticationConfiguration;
import com.microsoft.bot.connector.authentication.AuthenticationConstants;
import com.microsoft.bot.connector.authentication.AuthenticationException;
import com.microsoft.bot.connector.authentication.ClaimsIdentity;
import com.microsoft.bot.connector.authentication.ClaimsValidator;
import com.microsoft.bot.connector.authentication.CredentialProvider;
import com.microsoft.bot.connector.authentication.JwtTokenValidation;
import com.microsoft.bot.connector.authentication.SimpleCredentialProvider;
import com.microsoft.bot.connector.rest.RestConnectorClient;
import com.microsoft.bot.restclient.RestClient;
import com.microsoft.bot.restclient.ServiceResponseBuilder;
import com.microsoft.bot.restclient.retry.RetryStrategy;
import com.microsoft.bot.restclient.serializer.JacksonAdapter;
import com.microsoft.bot.schema.Activity;
import java.util.IllformedLocaleException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import retrofit2.Retrofit;

/**
 * The Bot Framework adapter for PartnerBot: authenticates inbound activities as a Teams channel
 * requires, sends replies with {@link BotAccessToken}, and builds connector clients on a shared
 * OkHttp client whose {@link ConnectorRetry} owns the retry policy.
 */
public final class TeamsBotAdapter extends BotFrameworkAdapter {
    private final String appId;
    private final CredentialProvider credentialProvider;
    private final AuthenticationConfiguration authConfig;
    private final AppCredentials credentials;
    private final OkHttpClient http;
    private final Map<String, ConnectorClient> connectors = new ConcurrentHashMap<>();

    /**
     * @param credentials outbound credentials; their app id is the one inbound tokens must be issued for
     * @param http        shared client, with {@link ConnectorRetry} among its interceptors
     */
    public TeamsBotAdapter(AppCredentials credentials, OkHttpClient http) {
        this(credentials, channelTokensOnly(), http);
    }

    private TeamsBotAdapter(AppCredentials credentials, AuthenticationConfiguration authConfig, OkHttpClient http) {
        super(credentials, authConfig, null, null, null);
        this.appId = credentials.getAppId();
        if (appId == null || appId.isBlank()) {
            // A blank app id silently turns the SDK's inbound authentication off.
            throw new IllegalArgumentException("the Teams adapter needs MICROSOFT_APP_ID");
        }
        this.credentialProvider = new SimpleCredentialProvider(appId, null);
        this.authConfig = authConfig;
        this.credentials = credentials;
        this.http = http;
    }

    /** The Microsoft app id of the bot. */
    public String appId() {
        return appId;
    }

    /**
     * Validates the request's bearer token against the activity (signature through the OpenID
     * metadata, issuer, audience, lifetime, channel endorsement, {@code serviceurl} claim). Completes
     * exceptionally with an {@link AuthenticationException} (or a JWT decoding error) when it is not valid.
     */
    public CompletableFuture<ClaimsIdentity> authenticate(String authHeader, Activity activity) {
        try {
            return JwtTokenValidation.authenticateRequest(activity, authHeader, credentialProvider, null, authConfig);
        } catch (RuntimeException e) {
            // The SDK decodes the token synchronously before it returns a future.
            return CompletableFuture.failedFuture(new AuthenticationException("malformed token", e));
        }
    }

    @Override
    protected CompletableFuture<ConnectorClient> getOrCreateConnectorClient(String serviceUrl,
                                                                            AppCredentials usingCredentials) {
        if (usingCredentials == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no credentials for an outbound call"));
        }
        HttpUrl url = serviceUrl == null ? null : HttpUrl.parse(serviceUrl);
        if (url == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("invalid serviceUrl"));
        }
        String key = url + "|" + usingCredentials.getAppId() + "|" + usingCredentials.oAuthScope();
        return CompletableFuture.completedFuture(
                connectors.computeIfAbsent(key, k -> new RestConnectorClient(restClient(url, usingCredentials))));
    }

    private RestClient restClient(HttpUrl serviceUrl, AppCredentials usingCredentials) {
        OkHttpClient.Builder client = http.newBuilder();
        if (usingCredentials instanceof BotAccessToken token) {
            // Added after ConnectorRetry and before the SDK's credentials interceptor (added by build()).
            client.addInterceptor(new RefreshTokenOnUnauthorized(token));
        }
        return new RestClient.Builder(client, new Retrofit.Builder())
                .withBaseUrl(serviceUrl.toString())
                .withCredentials(usingCredentials)
                .withSerializerAdapter(new JacksonAdapter())
                .withResponseBuilderFactory(new ServiceResponseBuilder.Factory())
                .withRetryStrategy(NO_SDK_RETRIES)
                .build();
    }

    /**
     * The SDK's pipeline calls {@code Locale.setDefault(activity.locale)}: one Teams user would change
     * the default locale of the whole JVM. Keep the locale on the turn only.
     */
    @Override
    protected CompletableFuture<Void> runPipeline(TurnContext context, BotCallbackHandler callback) {
        Activity activity = context.getActivity();
        if (activity != null && activity.getLocale() != null) {
            String locale = activity.getLocale();
            activity.setLocale(null);
            try {
                context.setLocale(locale);
            } catch (IllformedLocaleException ignored) {
                // an unusable locale is simply not kept
            }
        }
        return super.runPipeline(context, callback);
    }

    /** Stops the shared HTTP client's threads and connections. */
    public void close() {
        connectors.clear();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    AppCredentials credentials() {
        return credentials;
    }

    /**
     * Accepts only tokens the Bot Framework channel service issued. The SDK would also accept
     * emulator tokens and skill tokens from any Azure AD app whose audience is this bot; a claims
     * validator can only reject by throwing (a failed future is ignored by the SDK).
     */
    static AuthenticationConfiguration channelTokensOnly() {
        AuthenticationConfiguration config = new AuthenticationConfiguration();
        config.setClaimsValidator(new ClaimsValidator() {
            @Override
            public CompletableFuture<Void> validateClaims(Map<String, String> claims) {
                if (!AuthenticationConstants.TO_BOT_FROM_CHANNEL_TOKEN_ISSUER.equals(claims.get("iss"))) {
                    throw new AuthenticationException("only Bot Framework channel tokens are accepted");
                }
                return CompletableFuture.completedFuture(null);
            }
        });
        return config;
    }

    /** Retries are {@link ConnectorRetry}'s job; the SDK's handler would repeat 5xx at once. */
    private static final RetryStrategy NO_SDK_RETRIES = new RetryStrategy("none", false) {
        @Override
        public boolean shouldRetry(int retryCount, Response response) {
            return false;
        }
    };
}
