package dev.partnerbot.slack.install;

import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.middleware.Middleware;
import java.net.URI;
import java.util.List;

/**
 * A Bolt app whose OAuth install sends people to a configurable authorize page. Bolt 1.47 writes
 * {@code https://slack.com/oauth/v2/authorize} into {@link App#buildAuthorizeUrl(String, String)};
 * keeping its query (client id, scopes, state, redirect URI) and swapping only the base lets tests
 * use a local stand-in and never reach the internet.
 */
public final class DistributedApp extends App {
    static final String SLACK_AUTHORIZE = "https://slack.com/oauth/v2/authorize";

    private final String authorizeUrl;

    public DistributedApp(AppConfig config, List<Middleware> middleware, URI authorizeUrl) {
        super(config, middleware);
        this.authorizeUrl = authorizeUrl.toString();
    }

    @Override
    public String buildAuthorizeUrl(String state, String nonce) {
        String url = super.buildAuthorizeUrl(state, nonce);
        if (url == null || !url.startsWith(SLACK_AUTHORIZE + "?")) {
            return url;
        }
        return authorizeUrl + url.substring(SLACK_AUTHORIZE.length());
    }
}
