package dev.partnerbot.slack.install;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.service.OAuthStateService;
import com.slack.api.bolt.service.builtin.oauth.OAuthStateErrorHandler;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server-side half of the OAuth {@code state} check (the other half is Bolt's browser cookie):
 * a state is valid only if this process issued it less than {@link #LIFETIME} ago and it has not
 * been used yet. Kept in memory and bounded, so an install must start and finish on the same
 * instance; several instances share the application's database store instead (JdbcInstallStates).
 */
public final class InstallStates implements OAuthStateService {
    /** Bolt's own default; the installer has this long to approve on Slack's page. */
    public static final Duration LIFETIME = Duration.ofSeconds(DEFAULT_EXPIRATION_IN_SECONDS);

    private static final Logger log = LoggerFactory.getLogger(InstallStates.class);

    private final Cache<String, Boolean> issued;

    public InstallStates() {
        this(Ticker.systemTicker());
    }

    InstallStates(Ticker ticker) {
        this.issued = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(LIFETIME).ticker(ticker).build();
    }

    @Override
    public void addNewStateToDatastore(String state) {
        issued.put(state, Boolean.TRUE);
    }

    @Override
    public boolean isAvailableInDatabase(String state) {
        return state != null && issued.getIfPresent(state) != null;
    }

    @Override
    public void deleteStateFromDatastore(String state) {
        if (state != null) {
            issued.invalidate(state);
        }
    }

    /**
     * What a redirect with an unknown, expired, reused or cookie-less state gets: Bolt's failure page
     * with 400. Bolt's own handler logs the whole query, authorization code included; this one does not.
     */
    public static OAuthStateErrorHandler rejection(AppConfig config) {
        return (request, response) -> {
            log.info("rejected a Slack OAuth redirect with an invalid or expired state");
            response.setStatusCode(400);
            response.setContentType("text/html; charset=utf-8");
            response.setBody(config.getOAuthRedirectUriPageRenderer()
                    .renderFailurePage(config.getOauthInstallRequestURI(), "invalid_state"));
            return response;
        };
    }
}
