package dev.partnerbot.slack.tips;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.model.Message;
import dev.partnerbot.core.Language;
import dev.partnerbot.core.advice.Playbook;
import dev.partnerbot.core.tips.DeliveryResult;
import dev.partnerbot.core.tips.PriorPost;
import dev.partnerbot.core.tips.TipDelivery;
import dev.partnerbot.core.tips.TipSchedule;
import dev.partnerbot.core.tips.WeeklyTip;
import dev.partnerbot.slack.webapi.SlackClients;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Posts tips with Slack's {@code chat.postMessage} through Bolt's {@link MethodsClient}, marking
 * each post with message metadata; {@link #findPrior} reads {@code conversations.history} with
 * metadata to tell whether an earlier attempt landed, which closes the crash-after-post window.
 */
public final class SlackTipDelivery implements TipDelivery {
    /** Errors that mean the bot cannot post in that channel any more: pause, do not retry. */
    private static final Set<String> CHANNEL_GONE = Set.of("not_in_channel", "channel_not_found", "is_archived",
            "restricted_action", "team_access_not_granted");
    /** Errors worth retrying; the post may or may not have landed. */
    private static final Set<String> TRANSIENT = Set.of("internal_error", "fatal_error", "service_unavailable",
            "request_timeout");
    private static final int HISTORY_PAGES = 5;
    private static final Duration HISTORY_WINDOW = Duration.ofDays(14);

    private final Slack slack;
    private final Function<String, Optional<String>> tokenForTeam;
    private final SlackTipMessage message;
    private final Clock clock;
    private final Map<String, MethodsClient> clients = new ConcurrentHashMap<>();

    /**
     * @param apiUrl       base URL of the Slack Web API ({@code SLACK_API_URL})
     * @param tokenForTeam the bot token of a workspace (one fixed token, or an installation lookup)
     */
    public SlackTipDelivery(URI apiUrl, Function<String, Optional<String>> tokenForTeam,
                            Map<Language, Playbook> playbooks, Clock clock) {
        this.slack = Slack.getInstance(SlackClients.config(apiUrl));
        this.tokenForTeam = tokenForTeam;
        this.message = new SlackTipMessage(playbooks);
        this.clock = clock;
    }

    private final dev.partnerbot.slack.privacy.ChannelAudience audience = new dev.partnerbot.slack.privacy.ChannelAudience();

    /**
     * Posts the week's tip; a channel shared with people outside the workspace (Slack Connect, or one whose
     * status cannot be learnt) is refused as {@code channel_shared_outside_workspace}, which pauses the
     * schedule and tells its managers.
     */
    @Override
    public DeliveryResult deliver(TipSchedule schedule, WeeklyTip tip) {
        Optional<MethodsClient> methods = methods(schedule.team());
        if (methods.isEmpty()) {
            return new DeliveryResult.ChannelGone("no_bot_token_for_workspace");
        }
        if (audience.sharedOutside(methods.get(), schedule.team(), schedule.channel(), false)) {
            // Coaching about clients is never posted where a client may read it (Slack Connect channels).
            return new DeliveryResult.ChannelGone("channel_shared_outside_workspace");
        }
        try {
            ChatPostMessageResponse response = methods.get().chatPostMessage(r -> r
                    .channel(schedule.channel())
                    .text(message.fallbackText(tip))
                    .blocks(message.blocks(tip))
                    .metadata(SlackTipMessage.metadata(schedule, tip.week()))
                    .unfurlLinks(false)
                    .unfurlMedia(false));
            if (response.isOk()) {
                return new DeliveryResult.Sent(response.getTs());
            }
            return fromError(response.getError());
        } catch (SlackApiException e) {
            return fromHttp(e);
        } catch (IOException e) {
            return new DeliveryResult.Failed("io:" + e.getClass().getSimpleName(), true);
        }
    }

    @Override
    public PriorPost findPrior(TipSchedule schedule, String week) {
        Optional<MethodsClient> methods = methods(schedule.team());
        if (methods.isEmpty()) {
            return new PriorPost.Unknowable("no_bot_token_for_workspace");
        }
        String oldest = String.valueOf(clock.instant().minus(HISTORY_WINDOW).getEpochSecond());
        String cursor = null;
        try {
            for (int page = 0; page < HISTORY_PAGES; page++) {
                String pageCursor = cursor;
                ConversationsHistoryResponse history = methods.get().conversationsHistory(r -> r
                        .channel(schedule.channel()).oldest(oldest).limit(200).includeAllMetadata(true)
                        .cursor(pageCursor));
                if (!history.isOk()) {
                    return TRANSIENT.contains(history.getError()) || "ratelimited".equals(history.getError())
                            ? new PriorPost.CheckFailed(history.getError())
                            : new PriorPost.Unknowable(history.getError());
                }
                if (history.getMessages() != null) {
                    for (Message m : history.getMessages()) {
                        if (SlackTipMessage.isTipFor(m, schedule, week)) {
                            return new PriorPost.Found(m.getTs());
                        }
                    }
                }
                cursor = history.getResponseMetadata() == null ? null : history.getResponseMetadata().getNextCursor();
                if (cursor == null || cursor.isEmpty()) {
                    return new PriorPost.NotFound();
                }
            }
            return new PriorPost.Unknowable("history_too_long");
        } catch (SlackApiException e) {
            return new PriorPost.CheckFailed("http_" + e.getResponse().code());
        } catch (IOException e) {
            return new PriorPost.CheckFailed("io:" + e.getClass().getSimpleName());
        }
    }

    /** DMs the schedule's creator (a Slack user id) that the schedule was paused. */
    @Override
    public boolean notifyPaused(TipSchedule schedule, String reason) {
        String owner = schedule.createdBy();
        Optional<MethodsClient> methods = methods(schedule.team());
        if (methods.isEmpty() || !(owner.startsWith("U") || owner.startsWith("W"))) {
            return false;
        }
        try {
            return methods.get().chatPostMessage(r -> r.channel(owner).text(message.pausedNotice(schedule))).isOk();
        } catch (SlackApiException | IOException e) {
            return false;
        }
    }

    private Optional<MethodsClient> methods(String team) {
        MethodsClient cached = clients.get(team);
        if (cached != null) {
            return Optional.of(cached);
        }
        return tokenForTeam.apply(team).map(token -> clients.computeIfAbsent(team, t -> slack.methods(token)));
    }

    static DeliveryResult fromError(String error) {
        if (error == null) {
            return new DeliveryResult.Failed("unknown_error", false);
        }
        if (CHANNEL_GONE.contains(error)) {
            return new DeliveryResult.ChannelGone(error);
        }
        if ("ratelimited".equals(error)) {
            return new DeliveryResult.RetryAfter(Duration.ofSeconds(1));
        }
        return new DeliveryResult.Failed(error, TRANSIENT.contains(error));
    }

    static DeliveryResult fromHttp(SlackApiException e) {
        int status = e.getResponse().code();
        if (status == 429) {
            String header = e.getResponse().header("Retry-After");
            long seconds = 1;
            try {
                seconds = header == null ? 1 : Math.max(1, Long.parseLong(header.trim()));
            } catch (NumberFormatException ignored) {
                // keep the one-second default
            }
            return new DeliveryResult.RetryAfter(Duration.ofSeconds(seconds));
        }
        if (e.getError() != null && e.getError().getError() != null) {
            DeliveryResult fromBody = fromError(e.getError().getError());
            if (!(fromBody instanceof DeliveryResult.Failed)) {
                return fromBody;
            }
        }
        return new DeliveryResult.Failed("http_" + status, status >= 500 || status == 408);
    }
}
