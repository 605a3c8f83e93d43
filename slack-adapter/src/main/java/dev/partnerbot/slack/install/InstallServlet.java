package dev.partnerbot.slack.install;

import com.slack.api.bolt.App;
import com.slack.api.bolt.jakarta_servlet.ServletAdapterOps;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import dev.partnerbot.slack.BoltRequests;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack's OAuth install flow for a distributed app: {@code GET /slack/install} sends the installer
 * to Slack's authorize page with a fresh {@code state}, and {@code GET /slack/oauth_redirect} (the
 * Redirect URL) checks the state, exchanges the code with {@code oauth.v2.access} and stores the
 * installation. Mount this one servlet at both paths. Unlike Bolt's {@code SlackOAuthAppServlet} a
 * request it cannot use gets 400 rather than 500, and nothing of the query (the code) is logged.
 */
public final class InstallServlet extends HttpServlet {
    private static final Logger log = LoggerFactory.getLogger(InstallServlet.class);

    private final transient App app;
    private final transient SlackRequestParser parser;

    public InstallServlet(App app) {
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Request<?> slackRequest;
        try {
            slackRequest = BoltRequests.parse(parser, req, "");
        } catch (RuntimeException e) {
            log.info("rejected a Slack install request that could not be parsed ({})", e.getClass().getSimpleName());
            write(resp, 400, "malformed request");
            return;
        }
        if (slackRequest == null || (slackRequest.getRequestType() != RequestType.OAuthStart
                && slackRequest.getRequestType() != RequestType.OAuthCallback)) {
            write(resp, slackRequest == null && req.getRequestURI().equals(app.config().getOauthRedirectUriRequestURI())
                    ? 400 : 404, "not an install request");
            return;
        }
        Response slackResponse;
        try {
            slackResponse = app.run(slackRequest);
        } catch (Exception e) {
            log.warn("Slack {} failed ({})", slackRequest.getRequestType(), e.getClass().getName());
            write(resp, 400, "the installation could not be completed");
            return;
        }
        ServletAdapterOps.writeResponse(resp, slackResponse);
    }

    private static void write(HttpServletResponse resp, int status, String text) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/plain; charset=utf-8");
        resp.getWriter().write(text);
    }
}
