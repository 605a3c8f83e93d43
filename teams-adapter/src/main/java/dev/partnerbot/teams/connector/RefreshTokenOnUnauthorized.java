package dev.partnerbot.teams.connector;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OkHttp interceptor for connector calls: when the connector answers {@code 401} (the cached bot
 * token was revoked or the signing keys rolled over before it expired), forgets the cached token and
 * repeats the call once. It sits before the SDK's credentials interceptor, so the repeated call asks
 * {@link BotAccessToken} for a fresh token. A second {@code 401} is returned to the caller.
 */
public final class RefreshTokenOnUnauthorized implements Interceptor {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshTokenOnUnauthorized.class);

    private final BotAccessToken token;

    public RefreshTokenOnUnauthorized(BotAccessToken token) {
        this.token = token;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        Response response = chain.proceed(request);
        if (response.code() != 401) {
            return response;
        }
        response.close();
        LOG.info("connector {} {} answered 401; retrying once with a fresh bot token",
                request.method(), request.url().encodedPath());
        token.invalidate();
        return chain.proceed(request);
    }
}
