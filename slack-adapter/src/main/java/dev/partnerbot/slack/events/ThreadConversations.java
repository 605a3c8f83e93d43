package dev.partnerbot.slack.events;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.event.AppMentionEvent;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.model.event.MessageFileShareEvent;
import dev.partnerbot.core.coach.Answer;
import dev.partnerbot.core.coach.Clarification;
import dev.partnerbot.core.coach.Coach;
import dev.partnerbot.core.coach.Help;
import dev.partnerbot.core.coach.Suggestion;
import dev.partnerbot.core.delivery.MessageClaims;
import dev.partnerbot.core.interpret.LanguageDetector;
import dev.partnerbot.slack.SlackText;
import dev.partnerbot.slack.cards.AnswerCard;
import dev.partnerbot.slack.privacy.ChannelAudience;
import dev.partnerbot.slack.webapi.WebApi;
import dev.partnerbot.slack.work.Background;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mentions in channels ({@code app_mention}) and direct messages ({@code message.im}): the answer
 * goes into the thread of the message that asked, never as a new channel message.
 *
 * <p>Each user message is answered once: its identity (team, channel, {@code ts}) is claimed through
 * {@link MessageClaims} before answering, so a DM that also mentions the bot (delivered as both
 * {@code message} and {@code app_mention}), Slack's retries and deliveries to other instances are
 * acknowledged without a second answer. Messages from bots (this one included), edits, deletions and
 * other system subtypes are ignored; a thread reply also sent to the channel ({@code thread_broadcast})
 * and a message with files ({@code file_share}) are answered on their text, the latter saying that
 * files are not read. In a channel people outside the workspace can read (Slack Connect), the answer is
 * private (see {@link ChannelAudience}). One log line per handled message: ids, labels and timing, never text.
 */
public final class ThreadConversations {
    private static final Logger log = LoggerFactory.getLogger(ThreadConversations.class);
    /** Subtypes that still carry a user's own words (Slack's message subtypes reference). */
    static final Set<String> USER_SUBTYPES = Set.of("thread_broadcast", "file_share");

    private final Coach coach;
    private final AnswerCard cards;
    private final Background background;
    private final WebApi webApi;
    private final MessageClaims claims;
    private final ChannelAudience audience;

    public ThreadConversations(Coach coach, AnswerCard cards, Background background, WebApi webApi, MessageClaims claims,
                               ChannelAudience audience) {
        this.audience = audience;
        this.coach = coach;
        this.cards = cards;
        this.background = background;
        this.webApi = webApi;
        this.claims = claims;
    }

    /** Listener for {@code app_mention}. */
    public BoltEventHandler<AppMentionEvent> mentions() {
        return (EventsApiPayload<AppMentionEvent> payload, EventContext ctx) -> {
            AppMentionEvent e = payload.getEvent();
            if (e.getBotId() != null || !fromAUser(e.getSubtype()) || e.getUser() == null || isSelf(e.getUser(), ctx)) {
                return ctx.ack();
            }
            answerInThread(ctx, payload.getTeamId(), e.getChannel(), e.getTs(),
                    e.getThreadTs() != null ? e.getThreadTs() : e.getTs(), e.getText(), hasFiles(e.getFiles()), "app_mention",
                    e.getUser(), payload.isExtSharedChannel());
            return ctx.ack();
        };
    }

    /** Listener for {@code message} events; only direct messages to the bot are answered. */
    public BoltEventHandler<MessageEvent> directMessages() {
        return (EventsApiPayload<MessageEvent> payload, EventContext ctx) -> {
            MessageEvent e = payload.getEvent();
            if (!"im".equals(e.getChannelType()) || e.getBotId() != null || !fromAUser(e.getSubtype())
                    || e.getUser() == null || isSelf(e.getUser(), ctx)) {
                return ctx.ack();
            }
            answerInThread(ctx, payload.getTeamId(), e.getChannel(), e.getTs(),
                    e.getThreadTs() != null ? e.getThreadTs() : e.getTs(), e.getText(), hasFiles(e.getFiles()), "message.im",
                    e.getUser(), false);
            return ctx.ack();
        };
    }

    /**
     * Listener for {@code message} events of subtype {@code file_share} (a message with text and files):
     * Bolt routes subtyped messages to their own event classes, so this one needs its own listener. In a
     * direct message, the text is answered and the reply says that files are not read.
     */
    public BoltEventHandler<MessageFileShareEvent> fileShares() {
        return (EventsApiPayload<MessageFileShareEvent> payload, EventContext ctx) -> {
            MessageFileShareEvent e = payload.getEvent();
            if (!"im".equals(e.getChannelType()) || e.getUser() == null || isSelf(e.getUser(), ctx)
                    || Boolean.TRUE.equals(e.getDisplayAsBot())) {
                return ctx.ack();
            }
            answerInThread(ctx, payload.getTeamId(), e.getChannel(), e.getTs(),
                    e.getThreadTs() != null ? e.getThreadTs() : e.getTs(), e.getText(), true, "message.im file_share",
                    e.getUser(), false);
            return ctx.ack();
        };
    }

    static boolean fromAUser(String subtype) {
        return subtype == null || USER_SUBTYPES.contains(subtype);
    }

    private static boolean hasFiles(List<?> files) {
        return files != null && !files.isEmpty();
    }

    private void answerInThread(EventContext ctx, String team, String channel, String ts, String threadTs, String markup,
                                boolean files, String what, String user, boolean envelopeShared) {
        // The claim (a database insert when instances share one) is made in the background work, after the
        // acknowledgement: it still decides who answers, and keeps the ack path free of I/O.
        String key = MessageClaims.slack(team == null ? ctx.getTeamId() : team, channel, ts);
        String text = SlackText.plain(markup);
        MethodsClient client = ctx.client();
        long received = System.nanoTime();
        background.submitOrNotify(what, () -> {
            if (!claims.claim(key)) {
                log.info("slack {} team={} channel={} ts={}: already answered, not answered again", what, team, channel, ts);
                return;
            }
            if (!what.startsWith("message.im") && audience.sharedOutside(client, team, channel, envelopeShared)) {
                answerPrivately(client, team, channel, ts, threadTs, text, files, what, user, received);
                return;
            }
            Answer answer = coach.answer(text);
            String token = coach.remember(text);
            AnswerCard.Card card = cards.render(answer, AnswerCard.seedOf(text), Optional.empty(), threadTs, token);
            String notice = files ? cards.label(answer.language(), "files_not_read") : null;
            var posted = webApi.call("chat.postMessage", WebApi.Repeat.UNSAFE, () -> client.chatPostMessage(r -> r
                    .channel(channel).threadTs(threadTs).text(notice == null ? card.text() : notice + "\n" + card.text())
                    .blocks(notice == null ? card.blocks() : cards.withNotice(notice, card.blocks()))));
            // With a language model on: that same message is updated in place with the tailored answer.
            String postedTs = posted.map(p -> p.getTs()).orElse(null);
            if (postedTs != null) {
                Coach.Tailoring tailored = coach.tailor(text, answer, 0);
                if (tailored.replaces(answer)) {
                    AnswerCard.Card better = cards.render(tailored.answer(), AnswerCard.seedOf(text), Optional.empty(), threadTs, token);
                    webApi.call("chat.update", WebApi.Repeat.SAFE, () -> client.chatUpdate(r -> r.channel(channel).ts(postedTs)
                            .text(notice == null ? better.text() : notice + "\n" + better.text())
                            .blocks(notice == null ? better.blocks() : cards.withNotice(notice, better.blocks()))));
                    answer = tailored.answer();
                }
            }
            log.info("slack {} team={} channel={} ts={}: {} in {} ms", what, team, channel, ts, outcome(answer),
                    (System.nanoTime() - received) / 1_000_000);
        }, () -> {
            // The queue is full: say so in the thread rather than drop the message silently (once per message).
            if (!claims.claim(key)) {
                return;
            }
            log.warn("slack {} team={} channel={} ts={}: busy, told the user", what, team, channel, ts);
            webApi.call("chat.postMessage", WebApi.Repeat.UNSAFE, () -> client.chatPostMessage(r -> r
                    .channel(channel).threadTs(threadTs).text(cards.label(LanguageDetector.detect(text), "busy"))));
        });
    }

    /**
     * In a channel people outside the workspace can read (Slack Connect with a client, or unknown): the
     * answer goes only to the person who asked, as an ephemeral message in the thread, saying why. An
     * ephemeral message cannot be updated, so a configured language model is asked first.
     */
    private void answerPrivately(MethodsClient client, String team, String channel, String ts, String threadTs, String text,
                                 boolean files, String what, String user, long received) {
        Answer offline = coach.answer(text);
        Coach.Tailoring tailored = coach.tailor(text, offline, 0);
        Answer answer = tailored.replaces(offline) ? tailored.answer() : offline;
        String token = coach.remember(text);
        AnswerCard.Card card = cards.render(answer, AnswerCard.seedOf(text), Optional.empty(), threadTs, token);
        String why = cards.label(answer.language(), "shared_channel_private");
        String notice = files ? why + " " + cards.label(answer.language(), "files_not_read") : why;
        webApi.call("chat.postEphemeral", WebApi.Repeat.UNSAFE, () -> client.chatPostEphemeral(r -> r
                .channel(channel).user(user).threadTs(threadTs).text(notice + "\n" + card.text())
                .blocks(cards.withNotice(notice, card.blocks()))));
        log.info("slack {} team={} channel={} ts={}: {} privately (channel shared outside the workspace) in {} ms", what, team,
                channel, ts, outcome(answer), (System.nanoTime() - received) / 1_000_000);
    }

    /** What was answered, as ids: behaviours and round, a clarification's options, or help with its reason. */
    public static String outcome(Answer answer) {
        if (answer instanceof Clarification c) {
            return "clarification " + c.options();
        }
        if (answer instanceof Suggestion s) {
            return "suggestion " + s.behaviourIds() + " situation " + s.situation() + " round " + s.round();
        }
        return "help (" + ((Help) answer).reason() + ")";
    }

    private static boolean isSelf(String user, EventContext ctx) {
        return user != null && user.equals(ctx.getBotUserId());
    }
}
