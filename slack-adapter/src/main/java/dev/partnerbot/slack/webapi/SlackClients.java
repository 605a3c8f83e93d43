package dev.partnerbot.slack.webapi;

import com.slack.api.SlackConfig;
import java.net.URI;

/** The Slack SDK configuration every PartnerBot client starts from: the configured Web API address, no SDK stats. */
public final class SlackClients {
    private SlackClients() {
    }

    /** A config whose Web API calls go to {@code apiUrl} ({@code SLACK_API_URL}; a missing trailing slash is added). */
    public static SlackConfig config(URI apiUrl) {
        SlackConfig config = new SlackConfig();
        String prefix = apiUrl.toString();
        config.setMethodsEndpointUrlPrefix(prefix.endsWith("/") ? prefix : prefix + "/");
        config.setStatsEnabled(false);
        return config;
    }
}
