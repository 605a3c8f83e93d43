package dev.partnerbot.slack;

import com.google.gson.JsonObject;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.MessageShortcutContext;
import com.slack.api.bolt.handler.UnmatchedRequestHandler;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.MessageShortcutRequest;
import com.slack.api.bolt.response.Response;
import dev.partnerbot.core.Language;
import dev.partnerbot.slack.cards.AnswerCard;
import dev.partnerbot.slack.webapi.WebApi;
import dev.partnerbot.slack.work.Background;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests no listener takes. Bolt's default answers 404, which Slack counts as a failure and
 * retries (events) or shows as an error (commands, buttons). Here events are simply acknowledged,
 * commands, buttons and shortcuts get a polite "I don't know that one" instead of silence, options
 * requests an empty list, and every other kind Slack documents (view submissions and closes, dialog
 * submissions and cancellations, legacy attachment actions, global shortcuts, workflow steps) an empty 200.
 */
final class UnhandledRequests implements UnmatchedRequestHandler {
    private static final Logger log = LoggerFactory.getLogger(UnhandledRequests.class);

    private final AnswerCard cards;
    private final Background background;
    private final WebApi webApi;

    UnhandledRequests(AnswerCard cards, Background background, WebApi webApi) {
        this.cards = cards;
        this.background = background;
        this.webApi = webApi;
    }

    @Override
    public Response handle(Request<?> request) {
        String polite = cards.label(Language.EN, "unknown_request");
        log.info("no listener for a Slack {} request; acknowledged", request.getRequestType());
        switch (request.getRequestType()) {
            case Command -> {
                JsonObject body = new JsonObject();
                body.addProperty("response_type", "ephemeral");
                body.addProperty("text", polite);
                return Response.json(200, body.toString());
            }
            case BlockAction -> {
                ActionContext ctx = ((BlockActionRequest) request).getContext();
                respondLater(() -> ctx.respond(ephemeral(polite)), ctx.getResponseUrl());
            }
            case MessageShortcut -> {
                MessageShortcutContext ctx = ((MessageShortcutRequest) request).getContext();
                respondLater(() -> ctx.respond(ephemeral(polite)), ctx.getResponseUrl());
            }
            case BlockSuggestion, DialogSuggestion -> {
                // Options requests expect a list of options; PartnerBot offers none.
                return Response.json(200, "{\"options\":[]}");
            }
            default -> {
                // events, view submissions and closes, dialogs, legacy attachment actions, workflow steps
                // and global shortcuts: an empty 200 is what Slack expects (a view submission then closes)
            }
        }
        return Response.ok();
    }

    private void respondLater(WebApi.ResponseUrlCall call, String responseUrl) {
        if (responseUrl != null) {
            background.submit("unknown request", () -> webApi.respond("unknown request", call));
        }
    }

    private static ActionResponse ephemeral(String text) {
        return ActionResponse.builder().responseType("ephemeral").replaceOriginal(false).text(text).build();
    }
}
