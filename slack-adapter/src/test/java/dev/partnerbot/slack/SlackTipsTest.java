package dev.partnerbot.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.partnerbot.core.Language;
import dev.partnerbot.core.advice.Playbook;
import dev.partnerbot.core.tips.DeliveryResult;
import dev.partnerbot.core.tips.ManagerPolicy;
import dev.partnerbot.core.tips.ScheduleState;
import dev.partnerbot.core.tips.TipLanguage;
import dev.partnerbot.core.tips.TipLibrary;
import dev.partnerbot.core.tips.TipSchedule;
import dev.partnerbot.core.tips.TipSchedules;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /partner-tips} end to end: signed requests in, Web API and response_url calls out to WireMock. */
class SlackTipsTest {
    private static final Map<Language, Playbook> PLAYBOOKS = Playbook.loadAll();
    private static final TipLibrary LIBRARY = TipLibrary.load();
    /** Monday 2 December 2024, 08:00 UTC (09:00 in Berlin). */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-12-02T08:00:00Z"), ZoneOffset.UTC);
    private static final String MANAGER = "UMANAGER";
    private static final String MEMBER = "U1";

    private final MemorySchedules store = new MemorySchedules();
    private final List<TipSchedule> sentNow = new CopyOnWriteArrayList<>();
    private SlackHarness slack;

    @BeforeEach
    void start() throws Exception {
        ManagerPolicy policy = new ManagerPolicy(Set.of(), Map.of("slack", (team, user) -> user.equals(MANAGER)));
        TipSchedules schedules = new TipSchedules(store, policy, LIBRARY, CLOCK);
        slack = new SlackHarness(b -> b.tips(schedules, policy, s -> {
            sentNow.add(s);
            return new DeliveryResult.Sent("1700000000.1");
        }).tipsDefaultZone(ZoneId.of("Europe/London")));
        slack.slackApi.stubFor(post(urlEqualTo("/api/views.open"))
                .willReturn(okJson("{\"ok\":true,\"view\":{\"id\":\"V1\",\"hash\":\"1712345678.abc\"}}")));
        slack.slackApi.stubFor(post(urlEqualTo("/api/users.info"))
                .willReturn(okJson("{\"ok\":true,\"user\":{\"id\":\"U1\",\"tz\":\"Asia/Shanghai\",\"tz_offset\":28800}}")));
    }

    @AfterEach
    void stop() throws Exception {
        slack.close();
    }

    private static String en(String key) {
        return PLAYBOOKS.get(Language.EN).label(key);
    }

    private TipSchedule existing(String id, ScheduleState state) {
        return store.create(new TipSchedule(id, "slack", "T1", "C7", DayOfWeek.MONDAY, LocalTime.of(9, 30),
                ZoneId.of("Europe/Berlin"), TipLanguage.BOTH, state, MANAGER, CLOCK.instant(), 0));
    }

    // --- the modal --------------------------------------------------------------------------------

    @Test
    void tipsCommandOpensTheModalWithTheTriggerBeforeLookingUpTheUsersZone() throws Exception {
        HttpResponse<String> ack = slack.command("/partner-tips", "", slack.hook("tips"));

        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(ack.body()).isEmpty();
        LoggedRequest open = slack.awaitCalls("/api/views.open", 1).get(0);
        Map<String, String> form = SlackHarness.form(open);
        assertThat(form).containsEntry("trigger_id", "13345224609.738474920.8088930838d88f008e0");
        Golden.assertMatches("tips-modal.json", SlackHarness.json(form.get("view")));

        Map<String, String> update = SlackHarness.form(slack.awaitCalls("/api/views.update", 1).get(0));
        assertThat(update).containsEntry("view_id", "V1").containsEntry("hash", "1712345678.abc");
        assertThat(zoneField(SlackHarness.json(update.get("view"))).path("initial_value").asText()).isEqualTo("Asia/Shanghai");
        LoggedRequest usersInfo = slack.calls("/api/users.info").get(0);
        assertThat(SlackHarness.form(usersInfo)).containsEntry("user", "U1");
        assertThat(usersInfo.getLoggedDate()).isAfterOrEqualTo(open.getLoggedDate());
    }

    @Test
    void modalKeepsTheDefaultZoneWhenSlackDoesNotTellTheUsersOwn() throws Exception {
        slack.slackApi.stubFor(post(urlEqualTo("/api/users.info")).willReturn(okJson("{\"ok\":false,\"error\":\"user_not_found\"}")));

        slack.command("/partner-tips", "", slack.hook("tips"));

        JsonNode view = SlackHarness.json(SlackHarness.form(slack.awaitCalls("/api/views.open", 1).get(0)).get("view"));
        assertThat(zoneField(view).path("initial_value").asText()).isEqualTo("Europe/London");
        slack.awaitCalls("/api/users.info", 1);
        // One worker: once a later job ran, the zone lookup has finished.
        slack.command("/partner-tips", "list", slack.hook("after"));
        slack.awaitCalls("/hooks/after", 1);
        assertThat(slack.calls("/api/views.update")).isEmpty();
    }

    @Test
    void tipsCommandInChineseOpensAChineseModal() throws Exception {
        slack.command("/partner-tips", "zh", slack.hook("zh"));

        JsonNode view = SlackHarness.json(SlackHarness.form(slack.awaitCalls("/api/views.open", 1).get(0)).get("view"));
        assertThat(view.path("title").path("text").asText()).isEqualTo("每周小贴士");
        assertThat(view.path("private_metadata").asText()).isEqualTo("zh");
    }

    private static JsonNode zoneField(JsonNode view) {
        for (JsonNode block : view.path("blocks")) {
            if (block.path("block_id").asText().equals("zone")) {
                return block.path("element");
            }
        }
        throw new AssertionError("no zone field");
    }

    // --- submitting the modal ---------------------------------------------------------------------

    private HttpResponse<String> submit(String user, String time, String zone, String responseUrl) throws Exception {
        String values = "{\"channel\":{\"channel\":{\"type\":\"conversations_select\",\"selected_conversation\":\"C7\"}},"
                + "\"day\":{\"day\":{\"type\":\"static_select\",\"selected_option\":{\"text\":{\"type\":\"plain_text\",\"text\":\"Wednesday\"},\"value\":\"WEDNESDAY\"}}},"
                + "\"time\":{\"time\":{\"type\":\"timepicker\",\"selected_time\":\"" + time + "\"}},"
                + "\"zone\":{\"zone\":{\"type\":\"plain_text_input\",\"value\":\"" + zone + "\"}},"
                + "\"language\":{\"language\":{\"type\":\"static_select\",\"selected_option\":{\"text\":{\"type\":\"plain_text\",\"text\":\"Both\"},\"value\":\"both\"}}}}";
        return slack.interaction("{\"type\":\"view_submission\",\"team\":{\"id\":\"T1\",\"domain\":\"agency\"},"
                + "\"user\":{\"id\":\"" + user + "\",\"username\":\"ann\",\"name\":\"ann\",\"team_id\":\"T1\"},"
                + "\"api_app_id\":\"A1\",\"token\":\"x\",\"trigger_id\":\"1.2.3\",\"is_enterprise_install\":false,"
                + "\"view\":{\"id\":\"V1\",\"team_id\":\"T1\",\"type\":\"modal\",\"callback_id\":\"partner_tips_schedule\","
                + "\"private_metadata\":\"en\",\"hash\":\"h\",\"state\":{\"values\":" + values + "}},"
                + "\"response_urls\":[{\"block_id\":\"channel\",\"action_id\":\"channel\",\"channel_id\":\"C7\","
                + "\"response_url\":\"" + responseUrl + "\"}]}");
    }

    @Test
    void badTimeAndZoneAreShownAsErrorsInTheModal() throws Exception {
        HttpResponse<String> ack = submit(MANAGER, "25:99", "Mars/Olympus_Mons", slack.hook("bad"));

        assertThat(ack.statusCode()).isEqualTo(200);
        JsonNode body = SlackHarness.json(ack.body());
        assertThat(body.path("response_action").asText()).isEqualTo("errors");
        assertThat(body.path("errors").path("zone").asText()).isEqualTo(en("tips_bad_zone"));
        assertThat(body.path("errors").path("time").asText()).isEqualTo(en("tips_bad_time"));
        assertThat(body.path("errors").has("channel")).isFalse();
        assertThat(store.saved).isEmpty();
    }

    @Test
    void aFixedOffsetIsNotAcceptedAsATimeZone() throws Exception {
        JsonNode body = SlackHarness.json(submit(MANAGER, "09:00", "+08:00", slack.hook("offset")).body());

        assertThat(body.path("errors").path("zone").asText()).isEqualTo(en("tips_bad_zone"));
    }

    @Test
    void managerSubmissionSchedulesTheChannelAndConfirmsInIt() throws Exception {
        HttpResponse<String> ack = submit(MANAGER, "08:45", "America/New_York", slack.hook("done"));

        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(ack.body()).isEmpty();
        JsonNode answer = SlackHarness.json(slack.awaitCalls("/hooks/done", 1).get(0).getBodyAsString());
        assertThat(store.saved.values()).singleElement().satisfies(s -> {
            assertThat(s.platform()).isEqualTo("slack");
            assertThat(s.team()).isEqualTo("T1");
            assertThat(s.channel()).isEqualTo("C7");
            assertThat(s.day()).isEqualTo(DayOfWeek.WEDNESDAY);
            assertThat(s.time()).isEqualTo(LocalTime.of(8, 45));
            assertThat(s.zone()).isEqualTo(ZoneId.of("America/New_York"));
            assertThat(s.language()).isEqualTo(TipLanguage.BOTH);
            assertThat(s.createdBy()).isEqualTo(MANAGER);
        });
        assertThat(answer.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(answer.path("text").asText())
                .isEqualTo("Done: a weekly tip in <#C7> every Wednesday at 08:45 (America/New_York). The first one comes Wed 4 Dec 2024, 08:45 EST.");
    }

    @Test
    void nonManagerSubmissionGetsAPoliteExplanationAndNothingIsScheduled() throws Exception {
        submit(MEMBER, "09:00", "Europe/Berlin", slack.hook("member"));

        JsonNode answer = SlackHarness.json(slack.awaitCalls("/hooks/member", 1).get(0).getBodyAsString());
        assertThat(answer.path("text").asText()).isEqualTo(en("tips_managers_only"));
        assertThat(store.saved).isEmpty();
    }

    // --- the list and its buttons -----------------------------------------------------------------

    @Test
    void managerListShowsNextRunInTheChannelsZoneWithAllButtons() throws Exception {
        existing("ts-berlin", ScheduleState.ACTIVE);
        existing("ts-paused", ScheduleState.PAUSED);

        HttpResponse<String> ack = slack.command("/partner-tips", "list", slack.hook("list"), MANAGER);

        assertThat(ack.body()).isEmpty();
        JsonNode answer = SlackHarness.json(slack.awaitCalls("/hooks/list", 1).get(0).getBodyAsString());
        assertThat(answer.path("response_type").asText()).isEqualTo("ephemeral");
        Golden.assertMatches("tips-list-manager.json", answer.path("blocks"));
        String all = answer.path("blocks").toString();
        assertThat(all).contains("Mon 2 Dec 2024, 09:30 CET").contains("tips_resume").contains("tips_send_now").contains("tips_cancel");
    }

    @Test
    void memberListHasOnlyPreviewButtons() throws Exception {
        existing("ts-berlin", ScheduleState.ACTIVE);

        slack.command("/partner-tips", "list", slack.hook("list"), MEMBER);

        JsonNode blocks = SlackHarness.json(slack.awaitCalls("/hooks/list", 1).get(0).getBodyAsString()).path("blocks");
        String all = blocks.toString();
        assertThat(all).contains("tips_preview").doesNotContain("tips_pause").doesNotContain("tips_cancel").doesNotContain("tips_send_now")
                .contains(en("tips_list_members_note"));
    }

    @Test
    void schedulesOfAnotherWorkspaceAreNotListed() throws Exception {
        store.create(new TipSchedule("ts-other", "slack", "T2", "C9", DayOfWeek.MONDAY, LocalTime.NOON,
                ZoneId.of("UTC"), TipLanguage.EN, ScheduleState.ACTIVE, "U9", CLOCK.instant(), 0));

        slack.command("/partner-tips", "list", slack.hook("list"), MANAGER);

        String text = slack.awaitCalls("/hooks/list", 1).get(0).getBodyAsString();
        assertThat(text).doesNotContain("ts-other").contains(en("tips_list_empty"));
    }

    private HttpResponse<String> click(String user, String actionId, String value, String responseUrl) throws Exception {
        String action = SlackHarness.JSON.writeValueAsString(Map.of("action_id", actionId, "block_id", "tips_x", "value", value,
                "type", "button", "action_ts", "1700000002.1", "text", Map.of("type", "plain_text", "text", "x")));
        return slack.interaction("{\"type\":\"block_actions\",\"user\":{\"id\":\"" + user + "\",\"username\":\"ann\",\"team_id\":\"T1\"},"
                + "\"api_app_id\":\"A1\",\"token\":\"x\",\"container\":{\"type\":\"message\",\"message_ts\":\"1700000001.1\","
                + "\"channel_id\":\"C1\",\"is_ephemeral\":true},\"trigger_id\":\"1.2.3\",\"team\":{\"id\":\"T1\",\"domain\":\"agency\"},"
                + "\"is_enterprise_install\":false,\"channel\":{\"id\":\"C1\",\"name\":\"clients\"},"
                + "\"response_url\":\"" + responseUrl + "\",\"actions\":[" + action + "]}");
    }

    private String answerText(String hook) throws Exception {
        return SlackHarness.json(slack.awaitCalls("/hooks/" + hook, 1).get(0).getBodyAsString()).path("text").asText();
    }

    @Test
    void pauseButtonPausesForAManager() throws Exception {
        existing("ts-berlin", ScheduleState.ACTIVE);

        assertThat(click(MANAGER, "tips_pause", "en:ts-berlin", slack.hook("pause")).statusCode()).isEqualTo(200);

        assertThat(answerText("pause")).isEqualTo("Paused the weekly tips for <#C7>.");
        assertThat(store.saved.get("ts-berlin").state()).isEqualTo(ScheduleState.PAUSED);
    }

    @Test
    void cancelButtonFromAMemberChangesNothing() throws Exception {
        existing("ts-berlin", ScheduleState.ACTIVE);

        click(MEMBER, "tips_cancel", "en:ts-berlin", slack.hook("cancel"));

        assertThat(answerText("cancel")).isEqualTo(en("tips_managers_only"));
        assertThat(store.saved.get("ts-berlin").state()).isEqualTo(ScheduleState.ACTIVE);
    }

    @Test
    void resumeOfAnUnknownScheduleSaysNotFound() throws Exception {
        click(MANAGER, "tips_resume", "zh:ts-nope", slack.hook("resume"));

        assertThat(answerText("resume")).startsWith("这里找不到计划 `ts-nope`");
    }

    @Test
    void sendNowPostsThroughTheSenderForAManagerOnly() throws Exception {
        existing("ts-berlin", ScheduleState.ACTIVE);

        click(MEMBER, "tips_send_now", "en:ts-berlin", slack.hook("member"));
        assertThat(answerText("member")).isEqualTo(en("tips_managers_only"));
        click(MANAGER, "tips_send_now", "en:ts-berlin", slack.hook("manager"));

        assertThat(answerText("manager")).startsWith("Sent a test tip to <#C7>.");
        assertThat(sentNow).extracting(TipSchedule::id).containsExactly("ts-berlin");
    }

    @Test
    void previewShowsTheNextTipInBothLanguagesToAnyMember() throws Exception {
        TipSchedule s = existing("ts-berlin", ScheduleState.ACTIVE);
        String tipId = LIBRARY.rotationFor(s.id()).tipAt(0);

        click(MEMBER, "tips_preview", "en:ts-berlin", slack.hook("preview"));

        String blocks = SlackHarness.json(slack.awaitCalls("/hooks/preview", 1).get(0).getBodyAsString()).path("blocks").toString();
        assertThat(blocks).contains("Next tip for <#C7>")
                .contains(LIBRARY.tip(tipId, Language.EN).orElseThrow().title())
                .contains(LIBRARY.tip(tipId, Language.ZH).orElseThrow().title());
        assertThat(sentNow).isEmpty();
    }

    @Test
    void tamperedButtonValueGetsAPoliteAnswer() throws Exception {
        click(MANAGER, "tips_pause", "ts-berlin; drop table", slack.hook("tampered"));

        assertThat(answerText("tampered")).isEqualTo(en("unknown_request"));
    }

    @Test
    void helpExplainsTheCommand() throws Exception {
        HttpResponse<String> ack = slack.command("/partner-tips", "help", slack.hook("help"));

        assertThat(SlackHarness.json(ack.body()).path("text").asText()).isEqualTo(en("tips_help"));
        assertThat(slack.calls("/api/views.open")).isEmpty();
    }
}
