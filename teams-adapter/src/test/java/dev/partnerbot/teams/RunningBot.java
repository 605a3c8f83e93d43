package dev.partnerbot.teams;

import dev.partnerbot.config.Secret;
import dev.partnerbot.config.Settings;
import dev.partnerbot.core.Behaviour;
import dev.partnerbot.core.Language;
import dev.partnerbot.core.advice.Playbook;
import dev.partnerbot.core.coach.Coach;
import dev.partnerbot.core.feedback.FeedbackSink;
import dev.partnerbot.core.interpret.Interpretation;
import dev.partnerbot.teams.connector.RetryPolicy;
import dev.partnerbot.teams.install.ConversationReferenceStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;

/** The Teams adapter behind an embedded Jetty, wired as the app wires it, against the stand-in. */
final class RunningBot implements AutoCloseable {
    static final Map<Language, Playbook> PLAYBOOKS = Playbook.loadAll();

    final InMemoryReferences references = new InMemoryReferences();
    final List<String> votes = new CopyOnWriteArrayList<>();
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    final TeamsIntegration teams;
    private final Server server;
    private final HttpClient client = HttpClient.newHttpClient();

    RunningBot() throws Exception {
        this(UnaryOperator.identity());
    }

    /** With further builder settings (pacing, clock...). */
    RunningBot(UnaryOperator<TeamsIntegration.Builder> customize) throws Exception {
        FeedbackSink feedback = (platform, behaviours, principles, helpful) ->
                votes.add(platform + " " + behaviours + " " + principles + " " + helpful);
        teams = customize.apply(TeamsIntegration.builder(settings(), coach(), feedback, references)
                .retryPolicy(new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(5)))
                .sleeper(waits::add))
                .build();
        server = new Server(0);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(teams.servlet()), "/api/messages");
        server.setHandler(context);
        server.start();
    }

    static Settings.Teams settings() {
        return new Settings.Teams(Optional.of(BotFrameworkStandIn.APP_ID), Optional.of(Secret.of(BotFrameworkStandIn.APP_PASSWORD)),
                Optional.of(BotFrameworkStandIn.TENANT_ID), BotFrameworkStandIn.openIdMetadataUrl(),
                BotFrameworkStandIn.tokenUrl());
    }

    /** A coach without models: every message reads as a power play, cue "we pay". */
    static Coach coach() {
        return new Coach(text -> new Interpretation(Language.EN, List.of(new Interpretation.Reading(
                Behaviour.POWER_PLAY, 0.9, List.of("we pay"))), Optional.empty()), () -> { }, PLAYBOOKS);
    }

    HttpResponse<String> post(String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURI().resolve("/api/messages").toString()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(Object activity) throws Exception {
        return post(BotFrameworkStandIn.token().header(), activity.toString());
    }

    @Override
    public void close() throws Exception {
        server.stop();
        teams.close();
    }

    /** What the application's JDBC store does, in memory. */
    static final class InMemoryReferences implements ConversationReferenceStore {
        final Map<String, String> saved = new ConcurrentHashMap<>();

        @Override
        public boolean save(String tenantId, String conversationId, String referenceJson) {
            return saved.put(tenantId + "|" + conversationId, referenceJson) == null;
        }

        @Override
        public void remove(String tenantId, String conversationId) {
            saved.remove(tenantId + "|" + conversationId);
        }

        @Override
        public Optional<String> find(String tenantId, String conversationId) {
            return Optional.ofNullable(saved.get(tenantId + "|" + conversationId));
        }
    }

}
