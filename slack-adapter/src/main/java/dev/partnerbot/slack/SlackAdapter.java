package dev.partnerbot.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.builtin.SSLCheck;
import com.slack.api.bolt.service.InstallationService;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.event.AppMentionEvent;
import com.slack.api.model.event.AppUninstalledEvent;
import com.slack.api.model.event.Event;
import com.slack.api.model.event.TokensRevokedEvent;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.socket_mode.SocketModeClient;
import dev.partnerbot.config.Secret;
import dev.partnerbot.config.Settings;
import dev.partnerbot.core.coach.Coach;
import dev.partnerbot.core.delivery.MemoryMessageClaims;
import dev.partnerbot.core.delivery.MessageClaims;
import dev.partnerbot.core.feedback.FeedbackSink;
import dev.partnerbot.core.tips.ManagerPolicy;
import dev.partnerbot.core.tips.TipSchedules;
import dev.partnerbot.slack.actions.CardActions;
import dev.partnerbot.slack.cards.ActionIds;
import dev.partnerbot.slack.cards.AnswerCard;
import dev.partnerbot.slack.command.PartnerCommand;
import dev.partnerbot.slack.events.EventDeduplication;
import dev.partnerbot.slack.events.ThreadConversations;
import dev.partnerbot.slack.home.AppHome;
import dev.partnerbot.slack.home.HomeExtras;
import dev.partnerbot.slack.install.DistributedApp;
import dev.partnerbot.slack.install.InstallServlet;
import dev.partnerbot.slack.privacy.ChannelAudience;
import dev.partnerbot.slack.install.InstallStates;
import dev.partnerbot.slack.install.InstalledWorkspaces;
import dev.partnerbot.slack.shortcut.SuggestReplyShortcut;
import dev.partnerbot.slack.tips.TipSender;
import dev.partnerbot.slack.tips.TipsCommand;
import dev.partnerbot.slack.tips.TipsDesk;
import dev.partnerbot.slack.tips.TipsHandlers;
import dev.partnerbot.slack.verify.RequestSignature;
import dev.partnerbot.slack.verify.SignatureVerification;
import dev.partnerbot.slack.webapi.Pause;
import dev.partnerbot.slack.webapi.SlackClients;
import dev.partnerbot.slack.webapi.WebApi;
import dev.partnerbot.slack.work.Background;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
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
 * <p>With a bot token it serves one workspace. Without one, but with a client id and secret, it is
 * a distributed app: workspaces install it through Slack's OAuth flow ({@link #installServlet()}
 * at {@link #INSTALL_PATH} and {@link #OAUTH_REDIRECT_PATH}), installations are kept by the
 * {@link InstallationService} the application supplies, and each request is answered with its
 * workspace's bot token.
 *
 * <pre>{@code
 * SlackAdapter slack = SlackAdapter.builder(settings.slack(), coach, feedbackSink)
 *         .installations(new JdbcInstallations(dataSource, clock)) // used only for OAuth installs
 *         .build();
 * context.addServlet(new ServletHolder(slack.servlet()), "/slack/events");
 * slack.installServlet().ifPresent(install -> {
 *     context.addServlet(new ServletHolder(install), SlackAdapter.INSTALL_PATH);
 *     context.addServlet(new ServletHolder(install), SlackAdapter.OAUTH_REDIRECT_PATH);
 * });
 * slack.start();
 * }</pre>
 */
public final class SlackAdapter implements AutoCloseable {
    /** Where installers start: redirects to Slack's authorize page with a fresh state. */
    public static final String INSTALL_PATH = "/slack/install";
    /** The OAuth Redirect URL to register with Slack ({@code <public URL>/slack/oauth_redirect}). */
    public static final String OAUTH_REDIRECT_PATH = "/slack/oauth_redirect";
    /** Bot scopes asked for when SLACK_SCOPES is not set: those of {@code slack/manifest.yml}. */
    public static final List<String> DEFAULT_BOT_SCOPES = List.of(
            "app_mentions:read", "channels:history", "channels:read", "chat:write", "chat:write.public", "commands",
            "groups:history", "groups:read", "im:history", "users:read");
    private static final Logger log = LoggerFactory.getLogger(SlackAdapter.class);

    private final App app;
    private final Slack slack;
    private final Background background;
    private final WebApi webApi;
    private final Optional<WorkspaceToken> workspaceToken;
    private final Optional<Secret> appToken;
    private final int socketModeConcurrency;
    private final SlackEndpointServlet servlet;
    private final Optional<InstallServlet> installServlet;
    private final Set<String> commands = new LinkedHashSet<>();
    private final Set<String> messageShortcuts = new LinkedHashSet<>();
    private final Set<String> events = new LinkedHashSet<>();
    private final ChannelAudience audience = new ChannelAudience();
    private SocketModeApp socketMode;

    private SlackAdapter(Builder b) {
        Settings.Slack settings = b.settings;
        Optional<Secret> botToken = settings.botToken();
        boolean distributed = botToken.isEmpty() && settings.clientId().isPresent() && settings.clientSecret().isPresent();
        if (botToken.isEmpty() && !distributed) {
            throw new IllegalArgumentException("SLACK_BOT_TOKEN is not set (nor SLACK_CLIENT_ID and SLACK_CLIENT_SECRET for OAuth installs)");
        }
        if (distributed && b.installations == null) {
            throw new IllegalArgumentException("multi-workspace OAuth installs need an InstallationService (Builder#installations)");
        }
        this.appToken = settings.appToken();
        this.socketModeConcurrency = b.socketModeConcurrency;
        this.background = new Background(b.workerThreads, b.queueCapacity);
        this.webApi = new WebApi(b.pause);

        SlackConfig slackConfig = SlackClients.config(settings.apiUrl());
        slackConfig.setHttpClientReadTimeoutMillis(10_000);
        slackConfig.setHttpClientCallTimeoutMillis(20_000);
        this.slack = Slack.getInstance(slackConfig);

        AnswerCard cards = new AnswerCard(b.coach);
        Optional<RequestSignature> signature = settings.signingSecret()
                .map(s -> new RequestSignature(s.reveal(), b.clock));
        this.workspaceToken = botToken.map(t -> new WorkspaceToken(t.reveal()));

        // Every value is set explicitly: AppConfig's defaults read SLACK_* environment variables.
        AppConfig.AppConfigBuilder config = AppConfig.builder()
                .slack(slack)
                .signingSecret(settings.signingSecret().map(Secret::reveal).orElse(null))
                .singleTeamBotToken(botToken.map(Secret::reveal).orElse(null))
                .clientId(null)
                .clientSecret(null)
                .scope(null)
                .userScope(null)
                .redirectUri(null)
                .oauthCompletionUrl(null)
                .oauthCancellationUrl(null)
                .allEventsApiAutoAckEnabled(true)
                .subtypedMessageEventsAutoAckEnabled(true)
                .unmatchedRequestHandler(new UnhandledRequests(cards, background, webApi))
                .threadPoolSize(1);
        if (distributed) {
            List<String> scopes = settings.scopes().isEmpty() ? DEFAULT_BOT_SCOPES : settings.scopes();
            config.clientId(settings.clientId().get())
                    .clientSecret(settings.clientSecret().get().reveal())
                    .scope(String.join(",", scopes))
                    .redirectUri(settings.publicUrl().map(u -> withoutTrailingSlash(u) + OAUTH_REDIRECT_PATH).orElse(null))
                    .oauthInstallPath(INSTALL_PATH)
                    .oauthStartPath(INSTALL_PATH)
                    .oauthRedirectUriPath(OAUTH_REDIRECT_PATH)
                    .oauthCallbackPath(OAUTH_REDIRECT_PATH)
                    // Straight to Slack's authorize page (302) rather than Bolt's page with an "Add to Slack" button.
                    .oAuthInstallPageRenderingEnabled(false)
                    .stateValidationEnabled(true);
        }
        AppConfig appConfig = config.build();

        // Bolt's default chain (SSLCheck, RequestVerification, Single/MultiTeamsAuthorization,
        // IgnoringSelfEvents) is replaced: see SignatureVerification, WorkspaceToken and InstalledWorkspaces.
        List<Middleware> middleware = new ArrayList<>();
        middleware.add(signature.<Middleware>map(SignatureVerification::new).orElseGet(SignatureVerification::rejectingHttp));
        middleware.add(new SSLCheck(null));
        middleware.add(workspaceToken.<Middleware>map(t -> t)
                .orElseGet(() -> new InstalledWorkspaces(b.installations, slack, background, webApi)));
        middleware.add(new EventDeduplication(b.dedupeCapacity));
        if (distributed) {
            this.app = new DistributedApp(appConfig, middleware, settings.authorizeUrl());
            app.asOAuthApp(true);
            app.service(b.installations); // before enableTokenRevocationHandlers(), which use it
            app.service(b.installStates != null ? b.installStates : new InstallStates());
            app.oauthCallbackStateError(InstallStates.rejection(appConfig));
            app.enableTokenRevocationHandlers();
            // Slack sends these two to every app with Events API on, subscribed or not.
            events.add(AppUninstalledEvent.TYPE_NAME);
            events.add(TokensRevokedEvent.TYPE_NAME);
            this.installServlet = Optional.of(new InstallServlet(app));
        } else {
            this.app = new App(appConfig, middleware);
            this.installServlet = Optional.empty();
        }

        ThreadConversations conversations = new ThreadConversations(b.coach, cards, background, webApi,
                b.claims != null ? b.claims : new MemoryMessageClaims(b.dedupeCapacity), audience);
        CardActions actions = new CardActions(b.coach, cards, b.feedback, background, webApi);
        app.command(PartnerCommand.COMMAND, new PartnerCommand(b.coach, cards, background, webApi));
        commands.add(PartnerCommand.COMMAND);
        // Registered with or without tips, so that the command answers "not set up" instead of "unknown".
        Optional<TipsDesk> tips = Optional.ofNullable(b.tips);
        app.command(TipsCommand.COMMAND, new TipsCommand(tips, b.coach::playbook, background, webApi));
        commands.add(TipsCommand.COMMAND);
        tips.ifPresent(desk -> TipsHandlers.register(app, desk, b.coach::playbook, background, webApi));
        on(AppMentionEvent.TYPE_NAME, AppMentionEvent.class, conversations.mentions());
        on(MessageEvent.TYPE_NAME, MessageEvent.class, conversations.directMessages());
        app.event(com.slack.api.model.event.MessageFileShareEvent.class, conversations.fileShares());
        app.messageShortcut(SuggestReplyShortcut.CALLBACK_ID, new SuggestReplyShortcut(b.coach, cards, background, webApi));
        messageShortcuts.add(SuggestReplyShortcut.CALLBACK_ID);
        app.blockAction(ActionIds.REDRAFT, actions.redraft());
        app.blockAction(ActionIds.POST_DRAFT, actions.postDraft());
        app.blockAction(ActionIds.FEEDBACK, actions.feedback());
        on(AppHomeOpenedEvent.TYPE_NAME, AppHomeOpenedEvent.class, new AppHome(b.coach, b.homeExtras, background, webApi));

        this.servlet = new SlackEndpointServlet(app, signature);
    }

    private <E extends Event> void on(String type, Class<E> eventClass, BoltEventHandler<E> handler) {
        app.event(eventClass, handler);
        events.add(type);
    }

    /** What this adapter listens to, as Slack names it; the app manifest must declare all of it. */
    public record Registrations(Set<String> commands, Set<String> messageShortcutCallbackIds, Set<String> events) {
        public Registrations {
            commands = Set.copyOf(commands);
            messageShortcutCallbackIds = Set.copyOf(messageShortcutCallbackIds);
            events = Set.copyOf(events);
        }
    }

    /** The slash commands, message shortcuts and event types registered on the Bolt app. */
    public Registrations registrations() {
        return new Registrations(commands, messageShortcuts, events);
    }

    /**
     * Starts building an adapter; the settings must hold a bot token, or a client id and secret
     * (then also give {@link Builder#installations}).
     */
    public static Builder builder(Settings.Slack settings, Coach coach, FeedbackSink feedback) {
        return new Builder(settings, coach, feedback);
    }

    /** The servlet to mount at {@code /slack/events} (HTTP mode). */
    public HttpServlet servlet() {
        return servlet;
    }

    /**
     * The servlet for the OAuth install flow, to mount at both {@link #INSTALL_PATH} and
     * {@link #OAUTH_REDIRECT_PATH}; empty for a single workspace (bot token) app.
     */
    public Optional<HttpServlet> installServlet() {
        return installServlet.map(s -> s);
    }

    /** The queue of work done after acknowledging Slack: depth, capacity, and a listener for waits and refusals. */
    public Background work() {
        return background;
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
        workspaceToken.ifPresent(token -> background.submit("auth.test", () -> token.learnIdentity(slack.methods(), webApi)));
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

    private static String withoutTrailingSlash(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** Optional parts of the adapter; the defaults suit production. */
    public static final class Builder {
        private final Settings.Slack settings;
        private final Coach coach;
        private final FeedbackSink feedback;
        private HomeExtras homeExtras = HomeExtras.NONE;
        private Clock clock = Clock.systemUTC();
        private Pause pause = Pause.SLEEP;
        /**
         * Defaults sized from the measured cost of a message (interpret + advise about 7-20 ms of CPU, then
         * one Web API call that mostly waits; docs/benchmarks.md): two workers per core keep the cores busy
         * while calls wait, and the queue holds about ten seconds of work at that rate before senders are
         * told "busy" rather than left waiting.
         */
        private int workerThreads = Math.max(2, 2 * Runtime.getRuntime().availableProcessors());
        private int queueCapacity = Math.max(200, 250 * Runtime.getRuntime().availableProcessors());
        private int socketModeConcurrency = 4;
        private long dedupeCapacity = 20_000;
        private InstallationService installations;
        private MessageClaims claims;
        private com.slack.api.bolt.service.OAuthStateService installStates;
        private TipsDesk tips;
        private ZoneId tipsDefaultZone = ZoneId.of("UTC");

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

        /**
         * Where the OAuth {@code state} of installs in progress is kept; a shared store (the application's
         * database) lets an install begun on one instance finish on another. Default: this process only.
         */
        public Builder installStates(com.slack.api.bolt.service.OAuthStateService states) {
            this.installStates = Objects.requireNonNull(states);
            return this;
        }

        /**
         * Where user messages are claimed before they are answered, so each is answered once; shared
         * claims (the application's database) make that hold across instances. Default: this process only.
         */
        public Builder claims(MessageClaims claims) {
            this.claims = Objects.requireNonNull(claims);
            return this;
        }

        /**
         * Where OAuth installations (bot tokens per workspace) are kept; needed when the settings
         * have a client id and secret instead of a bot token, ignored otherwise.
         */
        public Builder installations(InstallationService installations) {
            this.installations = Objects.requireNonNull(installations);
            return this;
        }

        /**
         * Turns on {@code /partner-tips}: scheduling in a modal, the schedule list and its buttons.
         * Without it the command answers that weekly tips are not set up.
         *
         * @param schedules the core's schedule operations (manager rule, workspace isolation)
         * @param managers who may change schedules; decides which buttons a user sees
         * @param sendNow posts a schedule's next tip at once, for the "send now" button
         */
        public Builder tips(TipSchedules schedules, ManagerPolicy managers, TipSender sendNow) {
            this.tips = new TipsDesk(schedules, managers, sendNow, tipsDefaultZone);
            return this;
        }

        /** The zone a new schedule starts with when Slack does not tell the user's own (UTC by default). */
        public Builder tipsDefaultZone(ZoneId zone) {
            this.tipsDefaultZone = Objects.requireNonNull(zone);
            if (tips != null) {
                tips = new TipsDesk(tips.schedules(), tips.managers(), tips.sender(), zone);
            }
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
