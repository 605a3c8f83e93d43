package dev.partnerbot.slack.privacy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.conversations.ConversationsInfoResponse;
import com.slack.api.model.Conversation;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether people outside the workspace can read a conversation: a Slack Connect channel shared with
 * another organisation (agencies often share one with their client), a channel shared with other
 * workspaces, or one whose status cannot be learnt. Coaching about a client must never be posted where
 * the client can read it, so in those conversations PartnerBot answers only to the person who asked.
 *
 * <p>Slack's own data decides: the event envelope's {@code is_ext_shared_channel} flag, else
 * {@code conversations.info}'s {@code is_ext_shared}, {@code is_shared}, {@code is_org_shared} and
 * {@code is_pending_ext_shared} (cached per channel for {@link #REMEMBER_FOR}); direct messages are
 * private. When {@code conversations.info} fails (missing scope, rate limit, network), the conversation
 * counts as shared: errs on the private side.
 */
public final class ChannelAudience {
    public static final Duration REMEMBER_FOR = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(ChannelAudience.class);

    private final Cache<String, Boolean> shared = Caffeine.newBuilder().maximumSize(20_000).expireAfterWrite(REMEMBER_FOR).build();

    /**
     * @param envelopeSaysShared the event envelope's {@code is_ext_shared_channel}
     * @return true when people outside the workspace may read the channel (or that cannot be ruled out)
     */
    public boolean sharedOutside(MethodsClient client, String team, String channel, boolean envelopeSaysShared) {
        if (envelopeSaysShared) {
            return true;
        }
        if (channel == null) {
            return true;
        }
        if (channel.startsWith("D")) {
            return false;
        }
        return shared.get(team + ":" + channel, key -> lookUp(client, channel));
    }

    /** Forget what is known of a channel (on {@code channel_shared} / {@code channel_unshared}). */
    public void forget(String team, String channel) {
        shared.invalidate(team + ":" + channel);
    }

    private static boolean lookUp(MethodsClient client, String channel) {
        try {
            ConversationsInfoResponse info = client.conversationsInfo(r -> r.channel(channel));
            if (!info.isOk() || info.getChannel() == null) {
                log.info("conversations.info for {} failed ({}): answering privately", channel, info.getError());
                return true;
            }
            Conversation c = info.getChannel();
            if (c.isIm()) {
                return false;
            }
            return c.isExtShared() || c.isShared() || c.isOrgShared() || c.isPendingExtShared();
        } catch (Exception e) {
            log.info("conversations.info for {} failed ({}): answering privately", channel, e.getClass().getSimpleName());
            return true;
        }
    }
}
