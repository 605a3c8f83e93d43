package dev.partnerbot.teams.bot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.microsoft.bot.builder.TurnContext;
import com.microsoft.bot.builder.teams.TeamsInfo;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.teams.TeamsChannelAccount;
import com.microsoft.bot.schema.teams.TeamsPagedMembersResult;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether people outside the user's organisation can read a Teams conversation, so that coaching
 * about a client is never posted where the client (or a guest) reads along.
 *
 * <p>Decided from Teams' own data: a 1:1 chat is private; a channel whose channel data says it is a
 * shared channel ({@code channel.membershipType} or {@code channel.type} "shared", or a
 * {@code sharedWithTeams} list) is outside; otherwise the conversation's roster (the connector's
 * paged members: the team for a channel, the chat's members for a group chat) is read, and any member
 * whose {@code tenantId} differs from the conversation's tenant, or whose {@code userRole} is
 * {@code guest} or {@code anonymous}, makes it outside. When the tenant or the roster cannot be had,
 * the answer is "outside" (err on the private side). Verdicts are cached per conversation for
 * {@link #CACHE_FOR}, so a busy channel costs one roster read per ten minutes. Field names follow
 * Microsoft's Teams bot documentation (channel data, roster, {@code TeamsChannelAccount}); see
 * {@code ../shared/notes/platform-notes.md}.
 */
public final class ConversationAudience {
    private static final Logger LOG = LoggerFactory.getLogger(ConversationAudience.class);
    /** How long a verdict is kept per conversation. */
    public static final Duration CACHE_FOR = Duration.ofMinutes(10);
    /** Roster pages read at most (the connector returns up to 500 members a page). */
    static final int MAX_PAGES = 20;
    private static final Set<String> OUTSIDE_ROLES = Set.of("guest", "anonymous");

    /** Who can read a conversation. */
    public enum Audience {
        /** A 1:1 chat with the bot. */
        PERSONAL,
        /** Only members of the conversation's own tenant, none of them guests. */
        INTERNAL,
        /** Someone outside the organisation can read it, or that could not be ruled out. */
        OUTSIDE
    }

    private final ObjectMapper mapper;
    private final Cache<String, Audience> verdicts;

    public ConversationAudience(ObjectMapper mapper) {
        this.mapper = mapper;
        this.verdicts = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(CACHE_FOR).build();
    }

    /** Who can read the conversation the turn's activity came from; never completes exceptionally. */
    public CompletableFuture<Audience> of(TurnContext turn) {
        Activity activity = turn.getActivity();
        if (activity.getConversation() == null) {
            return CompletableFuture.completedFuture(Audience.OUTSIDE);
        }
        String type = activity.getConversation().getConversationType();
        if ("personal".equalsIgnoreCase(type)) {
            return CompletableFuture.completedFuture(Audience.PERSONAL);
        }
        String key = conversationKey(activity.getConversation().getId());
        Audience known = verdicts.getIfPresent(key);
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        JsonNode channelData = activity.getChannelData() == null ? mapper.createObjectNode()
                : mapper.valueToTree(activity.getChannelData());
        if (sharedChannel(channelData)) {
            return remember(key, Audience.OUTSIDE, "shared channel");
        }
        String tenant = activity.getConversation().getTenantId();
        if (tenant == null || tenant.isBlank()) {
            tenant = channelData.path("tenant").path("id").asText("");
        }
        if (tenant.isBlank()) {
            return remember(key, Audience.OUTSIDE, "no tenant id");
        }
        String ownTenant = tenant;
        return CompletableFuture.completedFuture(ownTenant)
                // the SDK may throw before it sends: that becomes a failed future, hence "outside"
                .thenCompose(t -> readRoster(turn, t, null, 0))
                .thenCompose(outside -> remember(key, outside ? Audience.OUTSIDE : Audience.INTERNAL,
                        outside ? "members from outside the tenant" : "members of the tenant only"))
                .exceptionally(e -> {
                    // Not cached: the next message tries the roster again.
                    LOG.info("conversation {}: roster not readable ({}), answering privately", key,
                            rootCause(e).getClass().getSimpleName());
                    return Audience.OUTSIDE;
                });
    }

    private CompletableFuture<Boolean> readRoster(TurnContext turn, String tenant, String continuation, int page) {
        if (page >= MAX_PAGES) {
            return CompletableFuture.completedFuture(true);
        }
        return TeamsInfo.getPagedMembers(turn, continuation).thenCompose((TeamsPagedMembersResult result) -> {
            if (result == null || result.getMembers() == null) {
                return CompletableFuture.completedFuture(true);
            }
            for (TeamsChannelAccount member : result.getMembers()) {
                if (outsider(member, tenant)) {
                    return CompletableFuture.completedFuture(true);
                }
            }
            String next = result.getContinuationToken();
            return next == null || next.isBlank() ? CompletableFuture.completedFuture(false)
                    : readRoster(turn, tenant, next, page + 1);
        });
    }

    static boolean outsider(TeamsChannelAccount member, String tenant) {
        String role = member.getUserRole();
        if (role != null && OUTSIDE_ROLES.contains(role.toLowerCase(Locale.ROOT))) {
            return true;
        }
        String memberTenant = member.getTenantId();
        return memberTenant != null && !memberTenant.isBlank() && !memberTenant.equalsIgnoreCase(tenant);
    }

    static boolean sharedChannel(JsonNode channelData) {
        JsonNode channel = channelData.path("channel");
        for (String field : new String[] {"membershipType", "type"}) {
            if ("shared".equalsIgnoreCase(channel.path(field).asText(""))) {
                return true;
            }
        }
        JsonNode sharedWith = channelData.path("sharedWithTeams");
        return sharedWith.isArray() && !sharedWith.isEmpty();
    }

    private CompletableFuture<Audience> remember(String key, Audience audience, String why) {
        verdicts.put(key, audience);
        LOG.info("conversation {}: {} ({})", key, audience.name().toLowerCase(Locale.ROOT), why);
        return CompletableFuture.completedFuture(audience);
    }

    /** The conversation a thread belongs to: a channel thread's id carries {@code ;messageid=}, cut off here. */
    static String conversationKey(String conversationId) {
        if (conversationId == null) {
            return "?";
        }
        int thread = conversationId.indexOf(";messageid=");
        return thread < 0 ? conversationId : conversationId.substring(0, thread);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
