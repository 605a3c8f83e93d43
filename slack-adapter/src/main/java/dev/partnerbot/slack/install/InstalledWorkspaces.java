package dev.partnerbot.slack.install;

import com.google.gson.JsonObject;
import com.slack.api.Slack;
import com.slack.api.bolt.context.Context;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.middleware.MiddlewareOps;
import com.slack.api.bolt.model.Bot;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.util.Responder;
import com.slack.api.bolt.response.Response;
import dev.partnerbot.slack.webapi.WebApi;
import dev.partnerbot.slack.work.Background;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Multi-workspace authorization in place of Bolt's {@code MultiTeamsAuthorization}, which calls
 * {@code auth.test} on every request (and answers 401/503 when Slack is slow or the workspace is
 * unknown). Here the bot token, bot id and bot user id come from the stored installation
 * ({@link com.slack.api.bolt.service.InstallationService#findBot}) without any network call.
 *
 * <p>A signed request from a workspace without an installation is still acknowledged, so that
 * Slack neither retries it nor counts it as a failure; a person who asked (command, button,
 * shortcut) is told through {@code response_url}, which needs no token, with the installation
 * service's own guide text.
 */
public final class InstalledWorkspaces implements Middleware {
    private static final Logger log = LoggerFactory.getLogger(InstalledWorkspaces.class);

    private final com.slack.api.bolt.service.InstallationService installations;
    private final Slack slack;
    private final Background background;
    private final WebApi webApi;

    public InstalledWorkspaces(com.slack.api.bolt.service.InstallationService installations, Slack slack,
                               Background background, WebApi webApi) {
        this.installations = installations;
        this.slack = slack;
        this.background = background;
        this.webApi = webApi;
    }

    @Override
    @SuppressWarnings("rawtypes") // Bolt's Middleware interface declares a raw Request
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        if (MiddlewareOps.isNoAuthRequiredRequest(req.getRequestType()) || MiddlewareOps.isNoTokenRequiredRequest(req)) {
            // OAuth flow, url_verification, app_uninstalled and tokens_revoked need no bot token
            return chain.next(req);
        }
        Context ctx = req.getContext();
        Bot bot;
        try {
            bot = installations.findBot(ctx.getEnterpriseId(), ctx.getTeamId());
        } catch (RuntimeException e) {
            // The store is down: 503 lets Slack retry the event later; nothing was handled.
            log.warn("Slack installation lookup failed for team {} ({})", ctx.getTeamId(), e.getClass().getSimpleName());
            return Response.json(503, "{\"error\":\"installation store unavailable\"}");
        }
        if (bot == null || bot.getBotAccessToken() == null) {
            return notInstalled(req, ctx);
        }
        ctx.setBotToken(bot.getBotAccessToken());
        ctx.setBotId(bot.getBotId());
        ctx.setBotUserId(bot.getBotUserId());
        if (bot.getIsEnterpriseInstall() != null) {
            ctx.setEnterpriseInstall(bot.getIsEnterpriseInstall());
        }
        return chain.next(req);
    }

    @SuppressWarnings("rawtypes")
    private Response notInstalled(Request req, Context ctx) {
        log.warn("Slack {} request from enterprise {} team {} with no installation; acknowledged without answering",
                req.getRequestType(), ctx.getEnterpriseId(), ctx.getTeamId());
        String guide = installations.getInstallationGuideText(ctx.getEnterpriseId(), ctx.getTeamId(), ctx.getRequestUserId());
        if (req.getRequestType() == RequestType.Command) {
            JsonObject body = new JsonObject();
            body.addProperty("response_type", "ephemeral");
            body.addProperty("text", guide);
            return Response.json(200, body.toString());
        }
        String responseUrl = req.getResponseUrl();
        if (responseUrl != null && guide != null) {
            Responder responder = new Responder(slack, responseUrl);
            background.submit("installation guide", () -> webApi.respond("installation guide",
                    () -> responder.sendToAction(r -> r.responseType("ephemeral").replaceOriginal(false).text(guide))));
        }
        return Response.ok();
    }

    @Override
    public String toString() {
        return "InstalledWorkspaces";
    }
}
