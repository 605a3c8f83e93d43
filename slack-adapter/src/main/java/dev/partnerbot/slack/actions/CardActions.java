package dev.partnerbot.slack.actions;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.methods.MethodsClient;
import dev.partnerbot.core.Language;
import dev.partnerbot.core.Principle;
import dev.partnerbot.core.Tone;
import dev.partnerbot.core.coach.Answer;
import dev.partnerbot.core.coach.Coach;
import dev.partnerbot.core.coach.PrincipleAdvice;
import dev.partnerbot.core.coach.ReplyDraft;
import dev.partnerbot.core.coach.Suggestion;
import dev.partnerbot.core.feedback.FeedbackSink;
import dev.partnerbot.slack.cards.ActionIds;
import dev.partnerbot.slack.cards.AnswerCard;
import dev.partnerbot.slack.cards.CardState;
import dev.partnerbot.slack.cards.Mrkdwn;
import dev.partnerbot.slack.webapi.WebApi;
import dev.partnerbot.slack.work.Background;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The card's buttons. Each acknowledges at once and works from the {@link CardState} in the
 * button's value, never from the user's text: another draft / warmer / firmer replace the card,
 * "post this draft" posts the draft in the thread marked as a draft, and helpful / not helpful
 * are counted through the {@link FeedbackSink}.
 */
public final class CardActions {
    private static final Logger log = LoggerFactory.getLogger(CardActions.class);

    private final Coach coach;
    private final AnswerCard cards;
    private final FeedbackSink feedback;
    private final Background background;
    private final WebApi webApi;

    public CardActions(Coach coach, AnswerCard cards, FeedbackSink feedback, Background background, WebApi webApi) {
        this.coach = coach;
        this.cards = cards;
        this.feedback = feedback;
        this.background = background;
        this.webApi = webApi;
    }

    /** another_draft, warmer, firmer: the card is replaced by a redraft. */
    public BlockActionHandler redraft() {
        return (BlockActionRequest req, ActionContext ctx) -> {
            BlockActionPayload.Action action = req.getPayload().getActions().get(0);
            Optional<CardState> state = CardState.decode(action.getValue());
            if (state.isEmpty()) {
                return unknown(ctx);
            }
            CardState next = switch (action.getActionId()) {
                case ActionIds.WARMER -> state.get().next(Optional.of(Tone.WARM), state.get().round());
                case ActionIds.FIRMER -> state.get().next(Optional.of(Tone.FIRM), state.get().round());
                default -> state.get().next(state.get().tone(), state.get().round() + 1);
            };
            background.submit(action.getActionId(), () -> {
                Suggestion offline = next.suggestion(coach);
                // With a language model on and the message still remembered: the model is asked again.
                Answer answer = offline;
                Optional<String> text = coach.recall(next.message());
                if (text.isPresent()) {
                    Coach.Tailoring tailored = coach.tailor(text.get(), offline, next.round());
                    if (tailored.replaces(offline)) {
                        answer = tailored.answer();
                    }
                }
                AnswerCard.Card card = answer instanceof Suggestion s ? cards.render(s, next)
                        : cards.render(answer, next.seed(), next.tone(), next.threadTs(), next.message());
                webApi.respond(action.getActionId(), () -> ctx.respond(ActionResponse.builder()
                        .replaceOriginal(true).text(card.text()).blocks(card.blocks()).build()));
            });
            return ctx.ack();
        };
    }

    /** post_draft_*: the chosen draft goes into the thread (or channel), marked as a draft. */
    public BlockActionHandler postDraft() {
        return (BlockActionRequest req, ActionContext ctx) -> {
            BlockActionPayload payload = req.getPayload();
            Optional<CardState> state = CardState.decode(payload.getActions().get(0).getValue());
            String channel = channelOf(payload);
            if (state.isEmpty() || state.get().draft() < 0 || channel == null) {
                return unknown(ctx);
            }
            MethodsClient client = ctx.client();
            background.submit("post_draft", () -> {
                if (state.get().draftText() != null) {
                    // A tailored draft travels in its button: post exactly what the card showed.
                    String marker = cards.label(state.get().language(), "draft_marker");
                    String posted = Mrkdwn.escape(marker) + "\n>" + Mrkdwn.escape(state.get().draftText()).replace("\n", "\n>");
                    webApi.call("chat.postMessage", WebApi.Repeat.UNSAFE, () -> client.chatPostMessage(r -> r
                            .channel(channel).threadTs(state.get().threadTs()).text(posted)));
                    return;
                }
                Suggestion suggestion = state.get().suggestion(coach);
                List<ReplyDraft> replies = suggestion.replies();
                if (state.get().draft() >= replies.size()) {
                    log.info("post_draft for a draft that no longer exists ({} of {})", state.get().draft(), replies.size());
                    respondText(ctx, "post_draft", cards.label(state.get().language(), "unknown_request"));
                    return;
                }
                String marker = cards.label(state.get().language(), "draft_marker");
                String draft = replies.get(state.get().draft()).text();
                String text = Mrkdwn.escape(marker) + "\n>" + Mrkdwn.escape(draft).replace("\n", "\n>");
                webApi.call("chat.postMessage", WebApi.Repeat.UNSAFE, () -> client.chatPostMessage(r -> r
                        .channel(channel).threadTs(state.get().threadTs()).text(text)));
            });
            return ctx.ack();
        };
    }

    /** feedback_helpful / feedback_not_helpful: counted per behaviour and principle, then thanked. */
    public BlockActionHandler feedback() {
        return (BlockActionRequest req, ActionContext ctx) -> {
            BlockActionPayload.Action action = req.getPayload().getActions().get(0);
            Optional<CardState> state = CardState.decode(action.getValue());
            if (state.isEmpty()) {
                return unknown(ctx);
            }
            boolean helpful = ActionIds.FEEDBACK_HELPFUL.equals(action.getActionId());
            background.submit(action.getActionId(), () -> {
                List<Principle> principles = state.get().suggestion(coach).principles().stream()
                        .map(PrincipleAdvice::principle).toList();
                feedback.record("slack", state.get().behaviours(), principles, helpful);
                respondText(ctx, "feedback", cards.label(state.get().language(), "feedback_thanks"));
            });
            return ctx.ack();
        };
    }

    private com.slack.api.bolt.response.Response unknown(ActionContext ctx) {
        background.submit("unknown action", () -> respondText(ctx, "unknown action",
                cards.label(Language.EN, "unknown_request")));
        return ctx.ack();
    }

    private void respondText(ActionContext ctx, String purpose, String text) {
        if (ctx.getResponseUrl() == null) {
            log.info("no response_url for {}", purpose);
            return;
        }
        webApi.respond(purpose, () -> ctx.respond(ActionResponse.builder()
                .responseType("ephemeral").replaceOriginal(false).text(text).build()));
    }

    private static String channelOf(BlockActionPayload payload) {
        if (payload.getChannel() != null && payload.getChannel().getId() != null) {
            return payload.getChannel().getId();
        }
        return payload.getContainer() == null ? null : payload.getContainer().getChannelId();
    }
}
