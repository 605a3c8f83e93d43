package dev.partnerbot.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.partnerbot.core.coach.Coach;
import dev.partnerbot.core.coach.Suggestion;
import dev.partnerbot.teams.cards.AnswerCards;
import dev.partnerbot.teams.cards.CardSubmit;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnswerCardsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MESSAGE = "they pay so we obey";

    private final Coach coach = RunningBot.coach();
    private final AnswerCards cards = new AnswerCards(coach::playbook, JSON);

    @Test
    void rendersASuggestionAsTheGoldenAdaptiveCard() throws Exception {
        ObjectNode card = cards.suggestion((Suggestion) coach.answer(MESSAGE), Coach.seed(MESSAGE), Optional.empty());

        // Regenerate after an intended change with -DupdateGolden=true, then review the diff.
        if (Boolean.getBoolean("updateGolden")) {
            Files.writeString(Path.of("src/test/resources/golden/suggestion-card.json"),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(card) + "\n");
        }
        try (InputStream golden = getClass().getResourceAsStream("/golden/suggestion-card.json")) {
            assertThat(golden).as("golden file").isNotNull();
            // Compared as parsed JSON, so that number types (int or long) do not matter.
            assertThat(JSON.readTree(card.toString())).isEqualTo(JSON.readTree(golden));
        }
    }

    @Test
    void draftsFromTheGeneralCardSayTheyHoldWhicheverSituationItIs() {
        var pp = java.util.List.of(dev.partnerbot.core.Behaviour.PAYMENT_PRESSURE);
        for (dev.partnerbot.core.Language language : dev.partnerbot.core.Language.values()) {
            String notice = coach.playbook(language).label("general_drafts");
            Suggestion general = coach.redraft(language, pp, java.util.List.of("payment_pressure/general"), 1L, 0, Optional.empty());
            Suggestion card = coach.redraft(language, pp, java.util.List.of("payment_pressure/overdue_invoice"), 1L, 0, Optional.empty());
            assertThat(general.general()).isTrue();
            assertThat(card.general()).isFalse();
            assertThat(cards.suggestion(general, 1L, Optional.empty()).findValuesAsText("text")).contains(notice);
            assertThat(cards.suggestion(card, 1L, Optional.empty()).findValuesAsText("text")).doesNotContain(notice);
        }
    }

    @Test
    void cardTargetsAdaptiveCards15() {
        ObjectNode card = cards.suggestion((Suggestion) coach.answer(MESSAGE), Coach.seed(MESSAGE), Optional.empty());

        assertThat(card.path("version").asText()).isEqualTo("1.5");
        assertThat(card.path("$schema").asText()).isEqualTo("http://adaptivecards.io/schemas/adaptive-card.json");
    }

    @Test
    void buttonsCarryIdsAndSeedButNeverTheMessage() {
        ObjectNode card = cards.suggestion((Suggestion) coach.answer(MESSAGE), Coach.seed(MESSAGE), Optional.empty());

        card.findValues("data").forEach(data -> {
            assertThat(data.toString()).doesNotContain(MESSAGE).doesNotContain("we pay");
            assertThat(data.path("seed").asLong()).isEqualTo(Coach.seed(MESSAGE));
            assertThat(CardSubmit.from(data)).isPresent();
            assertThat(CardSubmit.from(data).get().situations()).isNotEmpty();
        });
        assertThat(card.findValues("data")).hasSize(5);
    }
}
