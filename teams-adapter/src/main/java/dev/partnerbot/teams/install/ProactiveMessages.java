package dev.partnerbot.teams.install;

import com.microsoft.bot.builder.MessageFactory;
import com.microsoft.bot.connector.rest.ErrorResponseException;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ConversationReference;
import com.microsoft.bot.schema.ResourceResponse;
import com.microsoft.bot.schema.TextFormatTypes;
import dev.partnerbot.teams.bot.ConversationAudience;
import dev.partnerbot.teams.connector.ConnectorRetry;
import dev.partnerbot.teams.connector.ConversationPacer;
import dev.partnerbot.teams.connector.TeamsBotAdapter;
import dev.partnerbot.teams.inbound.ActivityJson;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends messages the user did not just ask for (weekly tips) into a chat or team channel the bot
 * was installed in, through the stored {@link ConversationReferenceStore conversation reference}.
 * In a channel the message starts a new post.
 *
 * <p>Sends are paced per conversation ({@link ConversationPacer}): a send may block the calling
 * thread for up to {@code maxPacingWait}; when it would have to wait longer it is not sent and the
 * result is {@link Delivery.Throttled}. A {@code 403}/{@code 404} from the connector removes the
 * stored reference ({@link Delivery.ConversationGone}).
 */
public final class ProactiveMessages {
    private static final Logger LOG = LoggerFactory.getLogger(ProactiveMessages.class);
    /** When a 429 carries no usable {@code Retry-After}. */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);

    private final TeamsBotAdapter adapter;
    private final ConversationReferenceStore store;
    private final ActivityJson json;
    private final ConversationPacer pacer;
    private final ConnectorRetry.Sleeper sleeper;
    private final Duration maxPacingWait;
    private final Clock clock;

    /**
     * @param pacer         per-conversation limits, shared by everything that posts into conversations
     * @param sleeper       how a paced send waits
     * @param maxPacingWait longest wait for a pacing slot before giving up with {@link Delivery.Throttled}
     */
    public ProactiveMessages(TeamsBotAdapter adapter, ConversationReferenceStore store, ActivityJson json,
                             ConversationPacer pacer, ConnectorRetry.Sleeper sleeper, Duration maxPacingWait,
                             Clock clock) {
        this.adapter = Objects.requireNonNull(adapter, "adapter");
        this.store = Objects.requireNonNull(store, "store");
        this.json = Objects.requireNonNull(json, "json");
        this.pacer = Objects.requireNonNull(pacer, "pacer");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.maxPacingWait = Objects.requireNonNull(maxPacingWait, "maxPacingWait");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether the bot can post into this conversation. */
    public boolean knows(String tenantId, String conversationId) {
        return store.find(tenantId, conversationId).isPresent();
    }

    /** Posts Markdown text. */
    public CompletableFuture<Delivery> sendText(String tenantId, String conversationId, String markdown) {
        Activity message = MessageFactory.text(markdown);
        message.setTextFormat(TextFormatTypes.MARKDOWN);
        return send(tenantId, conversationId, message);
    }

    /**
     * Posts an activity (text or card). Completes with a {@link Delivery}; exceptionally only when
     * the stored reference is unreadable or the connector or token endpoint fail otherwise.
     */
    public CompletableFuture<Delivery> send(String tenantId, String conversationId, Activity message) {
        return send(tenantId, conversationId, message, null);
    }

    /**
     * Posts coaching (a weekly tip): like {@link #send}, but first asks {@code audience} who can read the
     * conversation, within the same continued turn, and completes with {@link Delivery.Withheld} instead
     * of posting when people outside the organisation can.
     */
    public CompletableFuture<Delivery> sendCoaching(String tenantId, String conversationId, Activity message,
                                                    ConversationAudience audience) {
        return send(tenantId, conversationId, message, Objects.requireNonNull(audience, "audience"));
    }

    private CompletableFuture<Delivery> send(String tenantId, String conversationId, Activity message,
                                             ConversationAudience audience) {
        ConversationReference reference;
        try {
            Optional<String> stored = store.find(tenantId, conversationId);
            if (stored.isEmpty()) {
                return CompletableFuture.completedFuture(new Delivery.NotInstalled());
            }
            reference = json.read(stored.get(), ConversationReference.class);
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }

        String key = tenantId + "|" + conversationId;
        Duration wait = pacer.reserve(key, maxPacingWait);
        if (wait.compareTo(maxPacingWait) > 0) {
            LOG.info("proactive message to tenant {} conversation {} held back {} s by pacing",
                    tenantId, conversationId, wait.toSeconds());
            return CompletableFuture.completedFuture(new Delivery.Throttled(wait));
        }
        if (!wait.isZero()) {
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return CompletableFuture.failedFuture(e);
            }
        }

        // The adapter's turn-error handler would swallow a failure: keep the outcome of the send itself.
        AtomicReference<ResourceResponse> sent = new AtomicReference<>();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        AtomicBoolean withheld = new AtomicBoolean();
        return adapter.continueConversation(adapter.appId(), reference, turn -> {
            // The SDK makes a continued turn reply to a made-up activity id; a tip is a new post.
            turn.onSendActivities((context, activities, next) -> {
                activities.forEach(a -> a.setReplyToId(null));
                return next.get();
            });
            CompletableFuture<Boolean> allowed = audience == null ? CompletableFuture.completedFuture(true)
                    : audience.of(turn).thenApply(who -> who != ConversationAudience.Audience.OUTSIDE);
            return allowed.thenCompose(ok -> {
                if (!ok) {
                    withheld.set(true);
                    return CompletableFuture.<Void>completedFuture(null);
                }
                return turn.sendActivity(message).handle((response, error) -> {
                    sent.set(response);
                    failed.set(error);
                    return null;
                });
            });
        }).thenCompose(done -> {
            if (withheld.get()) {
                LOG.info("proactive message to tenant {} conversation {}: withheld, people outside the organisation"
                        + " can read it", tenantId, conversationId);
                return CompletableFuture.completedFuture(new Delivery.Withheld("conversation readable outside the organisation"));
            }
            Throwable error = failed.get();
            if (error == null) {
                ResourceResponse r = sent.get();
                return CompletableFuture.completedFuture(new Delivery.Sent(r == null ? null : r.getId()));
            }
            return outcomeOf(error, tenantId, conversationId, key);
        });
    }

    private CompletableFuture<Delivery> outcomeOf(Throwable error, String tenantId, String conversationId, String key) {
        Optional<ErrorResponseException> connector = connectorError(error);
        int status = connector.map(e -> e.response() == null ? 0 : e.response().code()).orElse(0);
        if (status == 403 || status == 404) {
            store.remove(tenantId, conversationId);
            LOG.info("proactive message to tenant {} conversation {}: connector answered {}; the bot is no longer"
                    + " there, reference removed", tenantId, conversationId, status);
            return CompletableFuture.completedFuture(new Delivery.ConversationGone(status));
        }
        if (status == 429) {
            Duration retryAfter = ConnectorRetry.retryAfter(connector.get().response().headers().get("Retry-After"), clock)
                    .filter(d -> !d.isZero())
                    .orElse(DEFAULT_RETRY_AFTER);
            pacer.pause(key, retryAfter);
            LOG.info("proactive message to tenant {} conversation {}: throttled by Teams, retry after {} s",
                    tenantId, conversationId, retryAfter.toSeconds());
            return CompletableFuture.completedFuture(new Delivery.Throttled(retryAfter));
        }
        return CompletableFuture.failedFuture(error);
    }

    private static Optional<ErrorResponseException> connectorError(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ErrorResponseException e) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
