package dev.partnerbot.slack.cards;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;
import dev.partnerbot.core.Behaviour;
import dev.partnerbot.core.Language;
import dev.partnerbot.core.Tone;
import dev.partnerbot.core.advice.Playbook;
import dev.partnerbot.core.coach.Coach;
import dev.partnerbot.core.coach.Suggestion;
import dev.partnerbot.slack.home.AppHome;
import dev.partnerbot.slack.home.HomeExtras;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Slack's documented Block Kit limits, checked here because a stand-in accepts anything while
 * Slack answers {@code invalid_blocks}: 50 blocks per message (100 on the Home tab), section text
 * 3,000 characters, button text 75, button value 2,000, unique action_ids, known block types.
 */
class BlockKitLimitsTest {
    private static final Set<String> KNOWN_BLOCKS = Set.of("section", "actions", "context", "divider", "header");
    private static final Set<String> KNOWN_ELEMENTS = Set.of("button", "mrkdwn", "plain_text");
    private static final Gson GSON = GsonFactory.createSnakeCase();
    private final Coach coach = new Coach(t -> { throw new AssertionError("not used"); }, () -> { }, Playbook.loadAll());
    private final AnswerCard cards = new AnswerCard(coach);

    @Test
    void everyCardForEveryBehaviourLanguageToneAndRoundStaysWithinSlackLimits() {
        int checked = 0;
        for (Language language : Language.values()) {
            for (Behaviour b : Behaviour.values()) {
                List<List<Behaviour>> sets = List.of(List.of(b), List.of(b, Behaviour.SCOPE_CREEP == b ? Behaviour.BLAME : Behaviour.SCOPE_CREEP));
                for (List<Behaviour> set : sets) {
                    for (Optional<Tone> tone : List.of(Optional.<Tone>empty(), Optional.of(Tone.WARM), Optional.of(Tone.FIRM))) {
                        for (int round = 0; round < 4; round++) {
                            Suggestion s = coach.redraft(language, set, 123456789L, round, tone);
                            CardState state = CardState.of(s, 123456789L, tone, "1700000000.000100");
                            assertWithinLimits(cards.render(s, state).blocks(), 50);
                            checked++;
                        }
                    }
                }
            }
            assertWithinLimits(cards.render(coach.help(language), 1L, Optional.empty(), null).blocks(), 50);
            assertWithinLimits(new AppHome(coach, HomeExtras.NONE, null, null).view(language, "T1", "U1").getBlocks(), 100);
        }
        assertThat(checked).isGreaterThan(100);
    }

    @Test
    void draftsFromTheGeneralCardSayTheyHoldWhicheverSituationItIs() {
        for (Language language : Language.values()) {
            String notice = coach.playbook(language).label("general_drafts");
            assertThat(notice).isNotEqualTo("general_drafts");
            Suggestion general = coach.redraft(language, List.of(Behaviour.PAYMENT_PRESSURE),
                    List.of("payment_pressure/general", "payment_pressure/overdue_invoice"), 1L, 0, Optional.empty());
            Suggestion card = coach.redraft(language, List.of(Behaviour.PAYMENT_PRESSURE),
                    List.of("payment_pressure/overdue_invoice"), 1L, 0, Optional.empty());
            assertThat(GSON.toJson(cards.render(general, CardState.of(general, 1L, Optional.empty(), null)).blocks()))
                    .contains(GSON.toJson(Mrkdwn.escape(notice)).replaceAll("^\"|\"$", ""));
            assertThat(GSON.toJson(cards.render(card, CardState.of(card, 1L, Optional.empty(), null)).blocks()))
                    .doesNotContain(GSON.toJson(Mrkdwn.escape(notice)).replaceAll("^\"|\"$", ""));
        }
    }

    @Test
    void longTextIsClippedToTheSectionLimit() {
        String clipped = Mrkdwn.clip("x".repeat(5000), Mrkdwn.SECTION_TEXT_MAX);
        assertThat(clipped).hasSize(Mrkdwn.SECTION_TEXT_MAX).endsWith("…");
    }

    @Test
    void userTextCannotBecomeMentionsOrLinks() {
        assertThat(Mrkdwn.escape("<!channel> & <https://evil|click>")).isEqualTo("&lt;!channel&gt; &amp; &lt;https://evil|click&gt;");
    }

    private static void assertWithinLimits(List<LayoutBlock> blocks, int maxBlocks) {
        JsonArray json = GSON.toJsonTree(blocks).getAsJsonArray();
        assertThat(json.size()).isBetween(1, maxBlocks);
        Set<String> actionIds = new HashSet<>();
        for (JsonElement e : json) {
            JsonObject block = e.getAsJsonObject();
            String type = block.get("type").getAsString();
            assertThat(type).isIn(KNOWN_BLOCKS);
            if (block.has("text")) {
                assertThat(block.getAsJsonObject("text").get("text").getAsString().length()).isLessThanOrEqualTo(type.equals("header") ? 150 : 3000);
            }
            List<JsonObject> elements = new ArrayList<>();
            if (block.has("elements")) {
                block.getAsJsonArray("elements").forEach(x -> elements.add(x.getAsJsonObject()));
            }
            if (block.has("accessory")) {
                elements.add(block.getAsJsonObject("accessory"));
            }
            assertThat(elements.size()).isLessThanOrEqualTo(type.equals("context") ? 10 : 25);
            for (JsonObject element : elements) {
                assertThat(element.get("type").getAsString()).isIn(KNOWN_ELEMENTS);
                if ("button".equals(element.get("type").getAsString())) {
                    assertThat(element.getAsJsonObject("text").get("text").getAsString().length()).isBetween(1, 75);
                    assertThat(element.get("value").getAsString().length()).isLessThanOrEqualTo(2000);
                    String id = element.get("action_id").getAsString();
                    assertThat(id.length()).isLessThanOrEqualTo(255);
                    assertThat(actionIds.add(id)).as("action_id %s is unique", id).isTrue();
                }
            }
        }
    }
}
