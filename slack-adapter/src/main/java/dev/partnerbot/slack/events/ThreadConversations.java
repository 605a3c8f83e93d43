package dev.partnerbot.slack.events;

import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.handler.BoltEventHandler;

import com.slack.api.methods.MethodsClient;
import com.slack.api.model.event.AppMentionEvent;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.app_backend.events.payload.EventsApiPayload;
import dev.partnerbot.core.coach.Answer;
import dev.partnerbot.core.coach.Coach;
import dev.partnerbot.slack.SlackText;
import dev.partnerbot.slack.cards.AnswerCard;
import dev.partnerbot.slack.webapi.WebApi;
import dev.partnerbot.slack.work.Background;
import java.util.Optional;

/**
 * Mentions in channels ({@code app_mention}) and direct messages ({@code message.im}): the answer
 * goes into the thread of the message that asked, never as a new channel message. Messages from
 * bots (this one included), edits and other subtypes are ignored.
 */
public final class ThreadConversations {
    private final Coach coach;
    private final AnswerCard cards;
    private final Background background;
    private final WebApi webApi;

    public ThreadConversations(Coach coach, AnswerCard cards, Background background, WebApi webApi) {
        this.coach = coach;
        this.cards = cards;
        this.background = background;
        this.webApi = webApi;
    }

    /** Listener for {@code app_mention}. */
    public BoltEventHandler<AppMentionEvent> mentions() {
        return (EventsApiPayload<AppMentionEvent> payload, EventContext ctx) -> {
            AppMentionEvent e = payload.getEvent();
            if (e.getBotId() != null || e.getSubtype() != null || isSelf(e.getUser(), ctx)) {
                return ctx.ack();
            }
            answerInThread(ctx, e.getChannel(), e.getThreadTs() != null ? e.getThreadTs() : e.getTs(), e.getText(), "app_mention");
            return ctx.ack();
        };
    }

    /** Listener for {@code message} events; only direct messages to the bot are answered. */
    public BoltEventHandler<MessageEvent> directMessages() {
        return (EventsApiPayload<MessageEvent> payload, EventContext ctx) -> {
            MessageEvent e = payload.getEvent();
            if (!"im".equals(e.getChannelType()) || e.getBotId() != null || e.getSubtype() != null
                    || e.getUser() == null || isSelf(e.getUser(), ctx)) {
                return ctx.ack();
            }
            answerInThread(ctx, e.getChannel(), e.getThreadTs() != null ? e.getThreadTs() : e.getTs(), e.getText(), "message.im");
            return ctx.ack();
        };
    }

    private void answerInThread(EventContext ctx, String channel, String threadTs, String markup, String what) {
        String text = SlackText.plain(markup);
        MethodsClient client = ctx.client();
        background.submit(what, () -> {
            Answer answer = coach.answer(text);
            AnswerCard.Card card = cards.render(answer, AnswerCard.seedOf(text), Optional.empty(), threadTs);
            webApi.call("chat.postMessage", WebApi.Repeat.UNSAFE, () -> client.chatPostMessage(r -> r
                    .channel(channel).threadTs(threadTs).text(card.text()).blocks(card.blocks())));
        });
    }

    private static boolean isSelf(String user, EventContext ctx) {
        return user != null && user.equals(ctx.getBotUserId());
    }

}
