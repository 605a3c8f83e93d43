package dev.partnerbot.teams.install;

import com.microsoft.bot.builder.MessageFactory;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ConversationReference;
import com.microsoft.bot.schema.TextFormatTypes;
import dev.partnerbot.teams.connector.TeamsBotAdapter;
import dev.partnerbot.teams.inbound.ActivityJson;
import java.io.IOException;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;

/**
 * Sends messages the user did not just ask for (weekly tips) into a chat or team channel the bot
 * was installed in, through the stored {@link ConversationReferenceStore conversation reference}.
 * In a channel the message starts a new post.
 */
public final class ProactiveMessages {
    private final TeamsBotAdapter adapter;
    private final ConversationReferenceStore store;
    private final ActivityJson json;

    public ProactiveMessages(TeamsBotAdapter adapter, ConversationReferenceStore store, ActivityJson json) {
        this.adapter = adapter;
        this.store = store;
        this.json = json;
    }

    /** Whether the bot can post into this conversation. */
    public boolean knows(String tenantId, String conversationId) {
        return store.find(tenantId, conversationId).isPresent();
    }

    /** Posts Markdown text; fails with {@link NoSuchElementException} when the conversation is unknown. */
    public CompletableFuture<Void> sendText(String tenantId, String conversationId, String markdown) {
        Activity message = MessageFactory.text(markdown);
        message.setTextFormat(TextFormatTypes.MARKDOWN);
        return send(tenantId, conversationId, message);
    }

    /** Posts an activity (text or card). */
    public CompletableFuture<Void> send(String tenantId, String conversationId, Activity message) {
        ConversationReference reference;
        try {
            String stored = store.find(tenantId, conversationId).orElseThrow(() -> new NoSuchElementException(
                    "PartnerBot is not installed in conversation " + conversationId + " of tenant " + tenantId));
            reference = json.read(stored, ConversationReference.class);
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return adapter.continueConversation(adapter.appId(), reference, turn -> {
            // The SDK makes a continued turn reply to a made-up activity id; a tip is a new post.
            turn.onSendActivities((context, activities, next) -> {
                activities.forEach(a -> a.setReplyToId(null));
                return next.get();
            });
            return turn.sendActivity(message).thenApply(sent -> null);
        });
    }
}
