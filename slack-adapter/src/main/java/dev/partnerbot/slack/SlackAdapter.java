package dev.partnerbot.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.builtin.SSLCheck;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.event.AppMentionEvent;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.socket_mode.SocketModeClient;
import dev.partnerbot.config.Secret;
import dev.partnerbot.config.Settings;
import dev.partnerbot.core.coach.Coach;
import dev.partnerbot.core.feedback.FeedbackSink;
import dev.partnerbot.slack.actions.CardActions;
import dev.partnerbot.slack.cards.ActionIds;
import dev.partnerbot.slack.cards.AnswerCard;
import dev.partnerbot.slack.command.PartnerCommand;
import dev.partnerbot.slack.events.EventDeduplication;
import dev.partnerbot.slack.events.ThreadConversations;
import dev.partnerbot.slack.home.AppHome;
import dev.partnerbot.slack.home.HomeExtras;
import dev.partnerbot.slack.shortcut.SuggestReplyShortcut;
import dev.partnerbot.slack.verify.RequestSignature;
import dev.partnerbot.slack.verify.SignatureVerification;
import dev.partnerbot.slack.webapi.Pause;
import dev.partnerbot.slack.webapi.WebApi;
import dev.partnerbot.slack.work.Background;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PartnerBot in Slack, on Bolt for Java. Build it from the settings, mount {@link #servlet()} at
 * {@code POST /slack/events}, call {@link #start()}, and {@link #close()} on shutdown. With
 * {@code SLACK_APP_TOKEN} set, {@link #start()} connects over Socket Mode instead.
 *
 * <pre>{@code
 * SlackAdapter slack = SlackAdapter.builder(settings.slack(), coach, feedbackSink).build();
 * context.addServlet(new ServletHolder(slack.servlet()), "/slack/events");
 * slack.start();
 * }</pre>
 */
public final class SlackAdapter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SlackAdapter.class);

    private final App app;
    private final Slack slack;
    private final Background background;
    private final WebApi webApi;
    private final WorkspaceToken workspaceToken;
    private final Optional<Secret> appToken;
    private final int socketModeConcurrency;
    private final SlackEndpointServlet servlet;
    private SocketModeApp socketMode;

    private SlackAdapter(Builder b) {
        Settings.Slack settings = b.settings;
        Secret botToken = settings.botToken().orElseThrow(() -> new IllegalArgumentException("SLACK_BOT_TOKEN is not set"));
        this.appToken = settings.appToken();
        this.socketModeConcurrency = b.socketModeConcurrency;
        this.background = new Background(b.workerThreads, b.queueCapacity);
        this.webApi = new WebApi(b.pause);

        SlackConfig slackConfig = new SlackConfig();
        slackConfig.setMethodsEndpointUrlPrefix(withTrailingSlash(settings.apiUrl()));
        slackConfig.setStatsEnabled(false);
        slackConfig.setHttpClientReadTimeoutMillis(10_000);
        slackConfig.setHttpClientCallTimeoutMillis(20_000);
        this.slack = Slack.getInstance(slackConfig);

        AnswerCard cards = new AnswerCard(b.coach);
        Optional<RequestSignature> signature = settings.signingSecret()
                .map(s -> new RequestSignature(s.reveal(), b.clock));
        this.workspaceToken = new WorkspaceToken(botToken.reveal());

        AppConfig appConfig = AppConfig.builder()
                .slack(slack)
                .signingSecret(settings.signingSecret().map(Secret::reveal).orElse(null))
                .singleTeamBotToken(botToken.reveal())
                .allEventsApiAutoAckEnabled(true)
                .subtypedMessageEventsAutoAckEnabled(true)
                .unmatchedRequestHandler(new UnhandledRequests(cards, background, webApi))
                .threadPoolSize(1)
                .build();

        // Bolt's default chain (SSLCheck, RequestVerification, SingleTeamAuthorization,
        // IgnoringSelfEvents) is replaced: see SignatureVerification and WorkspaceToken.
        List<Middleware> middleware = new ArrayList<>();
        middleware.add(signature.<Middleware>map(SignatureVerification::new).orElseGet(SignatureVerification::rejectingHttp));
        middleware.add(new SSLCheck(null));
        middleware.add(workspaceToken);
        middleware.add(new EventDeduplication(b.dedupeCapacity));
        this.app = new App(appConfig, middleware);

        ThreadConversations conversations = new ThreadConversations(b.coach, cards, background, webApi);
        CardActions actions = new CardActions(b.coach, cards, b.feedback, background, webApi);
        app.command(PartnerCommand.COMMAND, new PartnerCommand(b.coach, cards, background, webApi));
        app.event(AppMentionEvent.class, conversations.mentions());
        app.event(MessageEvent.class, conversations.directMessages());
        app.messageShortcut(SuggestReplyShortcut.CALLBACK_ID, new SuggestReplyShortcut(b.coach, cards, background, webApi));
        app.blockAction(ActionIds.REDRAFT, actions.redraft());
        app.blockAction(ActionIds.POST_DRAFT, actions.postDraft());
        app.blockAction(ActionIds.FEEDBACK, actions.feedback());
        app.event(AppHomeOpenedEvent.class, new AppHome(b.coach, b.homeExtras, background, webApi));

        this.servlet = new SlackEndpointServlet(app, signature);
    }

    /** Starts building an adapter; the settings must hold a bot token. */
    public static Builder builder(Settings.Slack settings, Coach coach, FeedbackSink feedback) {
        return new Builder(settings, coach, feedback);
    }

    /** The servlet to mount at {@code /slack/events} (HTTP mode). */
    public HttpServlet servlet() {
        return servlet;
    }

    /** The Bolt app, for wiring that goes beyond this adapter. */
    public App app() {
        return app;
    }

    /** True when Slack traffic comes over Socket Mode rather than HTTP. */
    public boolean socketMode() {
        return appToken.isPresent();
    }

    /**
     * Starts the app: learns the bot's identity in the background (never failing when Slack is
     * unreachable) and, when an app-level token is set, opens the Socket Mode connection.
     */
    public synchronized void start() throws IOException {
        app.start();
        background.submit("auth.test", () -> workspaceToken.learnIdentity(slack.methods(), webApi));
        if (appToken.isPresent() && socketMode == null) {
            socketMode = new SocketModeApp(appToken.get().reveal(), app, SocketModeClient.Backend.JavaWebSocket,
                    ctx -> null, socketModeConcurrency);
            try {
                socketMode.startAsync();
                log.info("Slack Socket Mode connecting with {} concurrent handlers", socketModeConcurrency);
            } catch (Exception e) {
                throw new IOException("Slack Socket Mode could not start: " + e.getClass().getSimpleName(), e);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (socketMode != null) {
            try {
                socketMode.close();
            } catch (Exception e) {
                log.warn("closing Slack Socket Mode failed: {}", e.getClass().getSimpleName());
            }
            socketMode = null;
        }
        app.stop();
        background.close();
        try {
            slack.close();
        } catch (Exception e) {
            log.warn("closing the Slack client failed: {}", e.getClass().getSimpleName());
        }
    }

    private static String withTrailingSlash(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? s : s + "/";
    }

    /** Optional parts of the adapter; the defaults suit production. */
    public static final class Builder {
        private final Settings.Slack settings;
        private final Coach coach;
        private final FeedbackSink feedback;
        private HomeExtras homeExtras = HomeExtras.NONE;
        private Clock clock = Clock.systemUTC();
        private Pause pause = Pause.SLEEP;
        private int workerThreads = 4;
        private int queueCapacity = 200;
        private int socketModeConcurrency = 4;
        private long dedupeCapacity = 20_000;

        private Builder(Settings.Slack settings, Coach coach, FeedbackSink feedback) {
            this.settings = Objects.requireNonNull(settings);
            this.coach = Objects.requireNonNull(coach);
            this.feedback = Objects.requireNonNull(feedback);
        }

        /** This week's tip and the managers' schedule on the Home tab. */
        public Builder homeExtras(HomeExtras extras) {
            this.homeExtras = Objects.requireNonNull(extras);
            return this;
        }

        /** The clock request timestamps are checked against. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** How to wait before retrying a Web API call (tests record instead of sleeping). */
        public Builder retryPause(Pause pause) {
            this.pause = Objects.requireNonNull(pause);
            return this;
        }

        /** Threads and queue length for the work done after acknowledging Slack. */
        public Builder workers(int threads, int queueCapacity) {
            if (threads < 1 || queueCapacity < 1) {
                throw new IllegalArgumentException("workers need at least one thread and one queue slot");
            }
            this.workerThreads = threads;
            this.queueCapacity = queueCapacity;
            return this;
        }

        /** How many Socket Mode messages are handled at once. */
        public Builder socketModeConcurrency(int concurrency) {
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be at least 1");
            }
            this.socketModeConcurrency = concurrency;
            return this;
        }

        public SlackAdapter build() {
            return new SlackAdapter(this);
        }
    }
}
