package dev.partnerbot.teams;

import dev.partnerbot.config.Settings;
import dev.partnerbot.core.Language;
import dev.partnerbot.core.advice.Playbook;
import dev.partnerbot.core.tips.TipSchedules;
import dev.partnerbot.core.coach.Coach;
import dev.partnerbot.core.delivery.MemoryMessageClaims;
import dev.partnerbot.core.delivery.MessageClaims;
import dev.partnerbot.core.feedback.FeedbackSink;
import dev.partnerbot.teams.bot.CoachBot;
import dev.partnerbot.teams.bot.ConversationAudience;
import dev.partnerbot.teams.connector.BotAccessToken;
import dev.partnerbot.teams.connector.ConnectorRetry;
import dev.partnerbot.teams.connector.ConversationPacer;
import dev.partnerbot.teams.connector.RetryPolicy;
import dev.partnerbot.teams.connector.TeamsBotAdapter;
import dev.partnerbot.teams.inbound.ActivityJson;
import dev.partnerbot.teams.inbound.MessagesServlet;
import dev.partnerbot.teams.inbound.OpenIdMetadata;
import dev.partnerbot.teams.install.ConversationReferenceStore;
import dev.partnerbot.teams.install.ProactiveMessages;
import dev.partnerbot.teams.tips.TipCards;
import dev.partnerbot.teams.tips.TipsConversation;
import jakarta.servlet.http.HttpServlet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PartnerBot's Microsoft Teams adapter, wired: the servlet to mount at {@code POST /api/messages},
 * proactive messages for weekly tips, and {@link #close()} for shutdown.
 *
 * <pre>{@code
 * TeamsIntegration teams = TeamsIntegration.builder(settings.teams(), coach, feedbackSink, referenceStore)
 *         .tips(weeklyTips.schedules()) // optional: "@PartnerBot tips ..."
 *         .build();
 * context.addServlet(new ServletHolder(teams.servlet()), "/api/messages");
 * }</pre>
 */
public final class TeamsIntegration implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TeamsIntegration.class);

    private final TeamsBotAdapter adapter;
    private final MessagesServlet servlet;
    private final ProactiveMessages proactive;
    private final ConversationAudience audience;

    private TeamsIntegration(Builder b) {
        Settings.Teams teams = b.settings;
        String appId = teams.appId().map(String::strip).filter(id -> !id.isEmpty()).orElseThrow(() ->
                new IllegalStateException("the Teams adapter needs MICROSOFT_APP_ID: without it the Bot Framework SDK"
                        + " turns inbound authentication off"));
        var password = teams.appPassword().orElseThrow(() ->
                new IllegalStateException("the Teams adapter needs MICROSOFT_APP_PASSWORD"));
        OpenIdMetadata.use(teams.openIdMetadataUrl());

        OkHttpClient http = new OkHttpClient.Builder()
                .addInterceptor(new ConnectorRetry(b.retryPolicy, b.sleeper, b.clock))
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(10))
                .build();
        BotAccessToken token = new BotAccessToken(appId, password, teams.tenantId(), teams.tokenUrl(),
                BotAccessToken.BOT_CONNECTOR_SCOPE, http, b.clock);
        ActivityJson json = new ActivityJson();
        this.adapter = new TeamsBotAdapter(token, http);
        adapter.setOnTurnError((turn, error) -> {
            // Ids and exception types only: exception messages may quote what the user or the connector sent.
            LOG.error("Teams turn failed: type={} id={} conversation={} error={}", turn.getActivity().getType(),
                    turn.getActivity().getId(), turn.getActivity().getConversation().getId(), describe(error));
            return CompletableFuture.completedFuture(null);
        });
        Map<Language, Playbook> playbooks = Playbook.loadAll();
        TipsConversation tips = new TipsConversation(Optional.ofNullable(b.tips), playbooks, new TipCards(playbooks, json.mapper()));
        this.audience = new ConversationAudience(json.mapper());
        CoachBot bot = new CoachBot(b.coach, b.feedback, b.references, json, tips,
                b.claims != null ? b.claims : new MemoryMessageClaims(20_000), audience);
        this.servlet = new MessagesServlet(adapter, bot, json);
        this.proactive = new ProactiveMessages(adapter, b.references, json, new ConversationPacer(b.pacing, b.clock),
                b.sleeper, b.maxPacingWait, b.clock);
        LOG.info("Teams adapter on: app {} ({}), OpenID metadata {}, token endpoint {}", appId,
                teams.status().detail(), teams.openIdMetadataUrl(), teams.tokenUrl());
    }

    private static String describe(Throwable error) {
        StringBuilder s = new StringBuilder();
        for (Throwable t = error; t != null && s.length() < 500; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.util.concurrent.CompletionException) {
                continue;
            }
            s.append(s.length() == 0 ? "" : " <- ").append(t.getClass().getName());
            if (t instanceof com.microsoft.bot.connector.rest.ErrorResponseException e && e.response() != null) {
                s.append(" HTTP ").append(e.response().code());
            }
        }
        return s.toString();
    }

    /** Starts wiring; refuses to build without an app id and password. */
    public static Builder builder(Settings.Teams settings, Coach coach, FeedbackSink feedback,
                                  ConversationReferenceStore references) {
        return new Builder(settings, coach, feedback, references);
    }

    /** The servlet for {@code POST /api/messages}. */
    public HttpServlet servlet() {
        return servlet;
    }

    /**
     * Sends into chats and channels the bot is installed in (weekly tips), paced per conversation;
     * each send completes with a {@link dev.partnerbot.teams.install.Delivery} (sent, not installed,
     * conversation gone, throttled).
     */
    public ProactiveMessages proactive() {
        return proactive;
    }

    /** Weekly tips posted as Adaptive Cards into the conversations the bot is installed in. */
    public dev.partnerbot.core.tips.TipDelivery tipDelivery() {
        return new dev.partnerbot.teams.tips.TeamsTipDelivery(proactive, new dev.partnerbot.teams.tips.TipCards(
                dev.partnerbot.core.advice.Playbook.loadAll(), new com.fasterxml.jackson.databind.ObjectMapper()), audience);
    }

    @Override
    public void close() {
        adapter.close();
    }

    /** Optional settings; the defaults suit production. */
    public static final class Builder {
        private final Settings.Teams settings;
        private final Coach coach;
        private final FeedbackSink feedback;
        private final ConversationReferenceStore references;
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private ConnectorRetry.Sleeper sleeper = ConnectorRetry.Sleeper.REAL;
        private Clock clock = Clock.systemUTC();
        private List<ConversationPacer.Limit> pacing = ConversationPacer.TEAMS;
        private Duration maxPacingWait = Duration.ofSeconds(5);
        private TipSchedules tips;
        private MessageClaims claims;

        private Builder(Settings.Teams settings, Coach coach, FeedbackSink feedback, ConversationReferenceStore references) {
            this.settings = Objects.requireNonNull(settings, "settings");
            this.coach = Objects.requireNonNull(coach, "coach");
            this.feedback = Objects.requireNonNull(feedback, "feedback");
            this.references = Objects.requireNonNull(references, "references");
        }

        /**
         * Turns on {@code @PartnerBot tips ...} (list, schedule this conversation, pause, resume,
         * cancel, preview); without it the bot answers that weekly tips are not set up. On Teams only
         * the users configured as managers may change schedules.
         */
        /** Where message activities are claimed before they are answered (shared across instances); default this process. */
        public Builder claims(MessageClaims claims) {
            this.claims = java.util.Objects.requireNonNull(claims);
            return this;
        }

        public Builder tips(TipSchedules schedules) {
            this.tips = Objects.requireNonNull(schedules);
            return this;
        }

        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy);
            return this;
        }

        /** How the connector retry waits; tests pass one that records instead of sleeping. */
        public Builder sleeper(ConnectorRetry.Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Per-conversation limits for proactive messages; Teams' own by default. */
        public Builder pacing(List<ConversationPacer.Limit> limits) {
            this.pacing = List.copyOf(limits);
            return this;
        }

        /** Longest a proactive send waits for its conversation's pacing before reporting it throttled (5 s). */
        public Builder maxPacingWait(Duration wait) {
            this.maxPacingWait = Objects.requireNonNull(wait);
            return this;
        }

        public TeamsIntegration build() {
            return new TeamsIntegration(this);
        }
    }
}
