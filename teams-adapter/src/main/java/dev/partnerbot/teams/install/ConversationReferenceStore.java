package dev.partnerbot.teams.install;

import java.util.Optional;

/**
 * Where the conversation references of the chats and team channels PartnerBot is installed in are
 * kept, for proactive messages (weekly tips). Implemented by the application (JDBC). A reference
 * holds the connector {@code serviceUrl} the bot's token is sent to, so only references taken from
 * authenticated turns are ever saved.
 */
public interface ConversationReferenceStore {

    /**
     * Saves or replaces the reference of a conversation.
     *
     * @param referenceJson the Bot Framework {@code ConversationReference} as JSON (ids and URLs, no message text)
     * @return true when no reference was stored for this conversation before (the bot was just installed)
     */
    boolean save(String tenantId, String conversationId, String referenceJson);

    /** Forgets a conversation (the bot was uninstalled or removed); nothing happens when it is unknown. */
    void remove(String tenantId, String conversationId);

    /** The stored reference, as saved. */
    Optional<String> find(String tenantId, String conversationId);
}
