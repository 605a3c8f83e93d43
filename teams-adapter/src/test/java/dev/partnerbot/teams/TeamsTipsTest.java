package dev.partnerbot.teams;

import static dev.partnerbot.teams.TeamsEndpointTest.connectorCalls;
import static dev.partnerbot.teams.TeamsEndpointTest.onlyConnectorCall;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.partnerbot.core.Language;
import dev.partnerbot.core.tips.ManagerPolicy;
import dev.partnerbot.core.tips.ScheduleState;
import dev.partnerbot.core.tips.ScheduleStore;
import dev.partnerbot.core.tips.TipLanguage;
import dev.partnerbot.core.tips.TipLibrary;
import dev.partnerbot.core.tips.TipSchedule;
import dev.partnerbot.core.tips.TipSchedules;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code @PartnerBot tips ...} through the running bot, replies checked at the connector stand-in. */
class TeamsTipsTest {
    /** Mei Lin's AAD object id, as in {@link TeamsActivities}: the configured manager. */
    private static final String MANAGER = "6c1e3b0a-9d8f-4e7a-b6c5-d4e3f2a1b0c9";
    private static final String OTHER_TENANT = "00000000-0000-4000-8000-0000000000aa";
    /** Monday 2 December 2024, 08:00 UTC. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-12-02T08:00:00Z"), ZoneOffset.UTC);
    private static final MemorySchedules STORE = new MemorySchedules();
    private static RunningBot bot;

    @BeforeAll
    static void start() throws Exception {
        BotFrameworkStandIn.reset();
        TipSchedules schedules = new TipSchedules(STORE, new ManagerPolicy(Set.of(MANAGER), Map.of()), TipLibrary.load(), CLOCK);
        bot = new RunningBot(b -> b.tips(schedules));
    }

    @AfterAll
    static void stop() throws Exception {
        bot.close();
    }

    @BeforeEach
    void reset() {
        BotFrameworkStandIn.reset();
        STORE.saved.clear();
    }

    private static String en(String key) {
        return RunningBot.PLAYBOOKS.get(Language.EN).label(key);
    }

    private static String replyText() {
        return TeamsActivities.read(onlyConnectorCall().getBodyAsString()).path("text").asText();
    }

    private static ObjectNode byMember(ObjectNode activity) {
        activity.set("from", TeamsActivities.read("""
                {"id": "29:1SomeoneElse", "name": "Sam", "aadObjectId": "11111111-2222-4333-8444-555555555555"}"""));
        return activity;
    }

    private static TipSchedule existing(String id, String tenant) {
        return STORE.create(new TipSchedule(id, "teams", tenant, TeamsActivities.CHANNEL_ID, DayOfWeek.FRIDAY,
                LocalTime.of(16, 0), ZoneId.of("Asia/Shanghai"), TipLanguage.ZH, ScheduleState.ACTIVE, MANAGER, CLOCK.instant(), 0));
    }

    @Test
    void managerSchedulesTheChannelTheCommandIsWrittenIn() throws Exception {
        assertThat(bot.post(TeamsActivities.channelMention("1715000140001", "tips schedule mon 09:00 Europe/Berlin both"))
                .statusCode()).isEqualTo(200);

        assertThat(STORE.saved.values()).singleElement().satisfies(s -> {
            assertThat(s.platform()).isEqualTo("teams");
            assertThat(s.team()).isEqualTo(BotFrameworkStandIn.TENANT_ID);
            assertThat(s.channel()).isEqualTo(TeamsActivities.CHANNEL_ID);
            assertThat(s.day()).isEqualTo(DayOfWeek.MONDAY);
            assertThat(s.time()).isEqualTo(LocalTime.of(9, 0));
            assertThat(s.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
            assertThat(s.language()).isEqualTo(TipLanguage.BOTH);
            assertThat(s.createdBy()).isEqualTo(MANAGER);
        });
        assertThat(replyText()).startsWith("Done: a weekly tip in this conversation every Monday at 09:00 (Europe/Berlin)."
                + " The first one comes Mon 9 Dec 2024, 09:00 CET.");
    }

    @Test
    void tipsAreNotScheduledInASharedChannel() throws Exception {
        assertThat(bot.post(TeamsActivities.sharedChannelMention("1715000140009", "tips schedule mon 09:00 Europe/Berlin en"))
                .statusCode()).isEqualTo(200);

        assertThat(replyText()).isEqualTo(en("tips_teams_outside_organisation"));
        assertThat(STORE.saved).isEmpty();
    }

    @Test
    void aMemberWhoIsNotAConfiguredManagerCannotSchedule() throws Exception {
        bot.post(byMember(TeamsActivities.channelMention("1715000140002", "tips schedule MON 09:00 Europe/Berlin")));

        assertThat(replyText()).isEqualTo(en("tips_managers_only_teams"));
        assertThat(STORE.saved).isEmpty();
    }

    @Test
    void aScheduleThatCannotBeReadIsExplained() throws Exception {
        bot.post(TeamsActivities.personalMessage("1715000140003", "tips schedule someday 25:00 Mars/Olympus"));

        assertThat(replyText()).isEqualTo(en("tips_teams_bad_schedule"));
        assertThat(STORE.saved).isEmpty();
    }

    @Test
    void listShowsThisTenantsSchedulesWithTheirNextRun() throws Exception {
        existing("ts-ours", BotFrameworkStandIn.TENANT_ID);
        existing("ts-theirs", OTHER_TENANT);

        bot.post(byMember(TeamsActivities.channelMention("1715000140004", "tips list")));

        assertThat(replyText()).contains("`ts-ours` · Friday 16:00 (Asia/Shanghai) · Chinese · active · Next: Fri 6 Dec 2024, 16:00 CST")
                .doesNotContain("ts-theirs");
    }

    @Test
    void managerPausesResumesAndCancels() throws Exception {
        existing("ts-ours", BotFrameworkStandIn.TENANT_ID);

        bot.post(TeamsActivities.personalMessage("1715000140005", "tips pause ts-ours"));
        assertThat(replyText()).isEqualTo("Paused the weekly tips for `ts-ours`.");
        assertThat(STORE.saved.get("ts-ours").state()).isEqualTo(ScheduleState.PAUSED);

        BotFrameworkStandIn.reset();
        bot.post(TeamsActivities.personalMessage("1715000140006", "tips resume ts-ours"));
        assertThat(STORE.saved.get("ts-ours").state()).isEqualTo(ScheduleState.ACTIVE);

        BotFrameworkStandIn.reset();
        bot.post(TeamsActivities.personalMessage("1715000140007", "tips cancel ts-ours"));
        assertThat(replyText()).isEqualTo("Cancelled the weekly tips for `ts-ours`.");
        assertThat(STORE.saved.get("ts-ours").state()).isEqualTo(ScheduleState.CANCELLED);
    }

    @Test
    void anotherTenantsScheduleCannotBeTouched() throws Exception {
        existing("ts-theirs", OTHER_TENANT);

        bot.post(TeamsActivities.personalMessage("1715000140008", "tips pause ts-theirs"));

        assertThat(replyText()).startsWith("I can't find schedule `ts-theirs` here.");
        assertThat(STORE.saved.get("ts-theirs").state()).isEqualTo(ScheduleState.ACTIVE);
    }

    @Test
    void previewRepliesWithTheTipCard() throws Exception {
        existing("ts-ours", BotFrameworkStandIn.TENANT_ID);

        bot.post(byMember(TeamsActivities.channelMention("1715000140009", "tips preview ts-ours")));

        JsonNode reply = TeamsActivities.read(onlyConnectorCall().getBodyAsString());
        assertThat(reply.path("attachments").path(0).path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertMatchesGolden("tip-preview-card.json", reply.path("attachments").path(0).path("content"));
    }

    @Test
    void tipsAloneShowsTheTipsHelp() throws Exception {
        bot.post(TeamsActivities.channelMention("1715000140010", "tips"));

        assertThat(replyText()).isEqualTo(en("tips_teams_help"));
    }

    @Test
    void aMessageThatOnlyStartsWithTipsGoesToTheCoach() throws Exception {
        bot.post(TeamsActivities.personalMessage("1715000140011", "tips are what the client wants for free, they say they pay"));

        JsonNode reply = TeamsActivities.read(onlyConnectorCall().getBodyAsString());
        assertThat(reply.path("attachments").path(0).path("content").toString()).contains(en("another_draft"));
    }

    @Test
    void withoutTipsSetUpTheBotSaysSo() throws Exception {
        try (RunningBot plain = new RunningBot()) {
            plain.post(TeamsActivities.personalMessage("1715000140012", "tips list"));
        }

        assertThat(connectorCalls()).hasSize(1);
        assertThat(replyText()).isEqualTo(en("tips_not_set_up"));
    }

    private static void assertMatchesGolden(String name, JsonNode actual) throws Exception {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        // Regenerate after an intended change with -DupdateGolden=true, then review the diff.
        if (Boolean.getBoolean("updateGolden")) {
            Files.writeString(Path.of("src/test/resources/golden", name), json.writeValueAsString(actual) + "\n");
        }
        try (InputStream golden = TeamsTipsTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(golden).as("golden file " + name).isNotNull();
            assertThat(actual).isEqualTo(json.readTree(golden));
        }
    }

    /** What the application's JDBC schedule store does, in memory. */
    static final class MemorySchedules implements ScheduleStore {
        final Map<String, TipSchedule> saved = new ConcurrentHashMap<>();

        @Override
        public TipSchedule create(TipSchedule schedule) {
            saved.put(schedule.id(), schedule);
            return schedule;
        }

        @Override
        public Optional<TipSchedule> find(String id) {
            return Optional.ofNullable(saved.get(id));
        }

        @Override
        public List<TipSchedule> list(Optional<String> team) {
            return saved.values().stream()
                    .filter(s -> s.state() != ScheduleState.CANCELLED)
                    .filter(s -> team.isEmpty() || s.team().equals(team.get()))
                    .sorted(Comparator.comparing(TipSchedule::id))
                    .toList();
        }

        @Override
        public boolean setState(String id, ScheduleState state) {
            TipSchedule s = saved.get(id);
            if (s == null || s.state() == ScheduleState.CANCELLED) {
                return false;
            }
            saved.put(id, s.withState(state));
            return true;
        }
    }
}
