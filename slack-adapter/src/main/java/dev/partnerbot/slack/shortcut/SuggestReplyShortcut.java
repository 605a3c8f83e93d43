package dev.partnerbot.slack.shortcut;

import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.bolt.context.builtin.MessageShortcutContext;
import com.slack.api.bolt.handler.builtin.MessageShortcutHandler;
import com.slack.api.bolt.request.builtin.MessageShortcutRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.app_backend.interactive_components.payload.MessageShortcutPayload;
import com.slack.api.methods.MethodsClient;
import dev.partnerbot.core.coach.Answer;
import dev.partnerbot.core.coach.Coach;
import dev.partnerbot.slack.SlackText;
import dev.partnerbot.slack.cards.AnswerCard;
import dev.partnerbot.slack.webapi.WebApi;
import dev.partnerbot.slack.work.Background;
import java.util.Optional;

/**
 * The "Suggest partner reply" message shortcut: the suggestion for the chosen message, shown only
 * to the user who asked, through the shortcut's {@code response_url} (no channel membership
 * needed) or, without one, {@code chat.postEphemeral}.
 */
public final class SuggestReplyShortcut implements MessageShortcutHandler {
    public static final String CALLBACK_ID = "suggest_partner_reply";

    private final Coach coach;
    private final AnswerCard cards;
    private final Background background;
    private final WebApi webApi;

    public SuggestReplyShortcut(Coach coach, AnswerCard cards, Background background, WebApi webApi) {
        this.coach = coach;
        this.cards = cards;
        this.background = background;
        this.webApi = webApi;
    }

    @Override
    public Response apply(MessageShortcutRequest req, MessageShortcutContext ctx) {
        MessageShortcutPayload p = req.getPayload();
        com.slack.api.model.Message message = p.getMessage();
        String text = SlackText.plain(message == null ? "" : message.getText());
        String channel = p.getChannel() == null ? null : p.getChannel().getId();
        String user = p.getUser() == null ? null : p.getUser().getId();
        String threadTs = message == null ? null
                : message.getThreadTs() != null ? message.getThreadTs() : message.getTs();
        MethodsClient client = ctx.client();
        background.submit("shortcut " + CALLBACK_ID, () -> {
            Answer answer = coach.answer(text);
            String token = coach.remember(text);
            AnswerCard.Card card = cards.render(answer, AnswerCard.seedOf(text), Optional.empty(), threadTs, token);
            if (ctx.getResponseUrl() != null) {
                webApi.respond(CALLBACK_ID, () -> ctx.respond(ActionResponse.builder()
                        .responseType("ephemeral").text(card.text()).blocks(card.blocks()).build()));
                // With a language model on: the ephemeral answer is replaced by the tailored one.
                Coach.Tailoring tailored = coach.tailor(text, answer, 0);
                if (tailored.replaces(answer)) {
                    AnswerCard.Card better = cards.render(tailored.answer(), AnswerCard.seedOf(text), Optional.empty(), threadTs, token);
                    webApi.respond(CALLBACK_ID + " tailored", () -> ctx.respond(ActionResponse.builder()
                            .responseType("ephemeral").replaceOriginal(true).text(better.text()).blocks(better.blocks()).build()));
                }
            } else if (channel != null && user != null) {
                webApi.call("chat.postEphemeral", WebApi.Repeat.UNSAFE, () -> client.chatPostEphemeral(r -> r
                        .channel(channel).user(user).threadTs(threadTs).text(card.text()).blocks(card.blocks())));
            }
        });
        return ctx.ack();
    }
}
