package dev.partnerbot.core.advice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partnerbot.core.Behaviour;
import dev.partnerbot.core.Language;
import dev.partnerbot.core.Tone;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The situation card data: loaded and validated, the same cards in both languages, tone and facts checked. */
class SituationCardsTest {
    /** Digits in a draft would name an amount, date, time or count that the user's message may not contain. */
    private static final Pattern NUMBER = Pattern.compile("\\d");

    @Test
    void everyBehaviourHasAtLeastTenValidCardsInBothLanguagesWithTheSameIds() {
        SituationCards en = SituationCards.load(Language.EN);
        SituationCards zh = SituationCards.load(Language.ZH);
        for (Behaviour b : Behaviour.values()) {
            assertThat(en.of(b)).as(b.id()).hasSizeGreaterThanOrEqualTo(SituationCards.MIN_CARDS);
            assertThat(en.of(b).stream().map(SituationCards.Card::id).toList())
                    .as(b.id()).containsExactlyElementsOf(zh.of(b).stream().map(SituationCards.Card::id).toList());
            for (int i = 0; i < en.of(b).size(); i++) {
                assertThat(zh.of(b).get(i).also()).as(b.id() + "/" + en.of(b).get(i).id()).isEqualTo(en.of(b).get(i).also());
            }
        }
    }

    @Test
    void noCardDraftIsServileOrHostileOrNamesANumber() throws IOException {
        List<String> offences = new ArrayList<>();
        for (Language language : Language.values()) {
            Map<String, List<String>> phrases = PlaybookTest.phrases(language);
            for (SituationCards.Card c : SituationCards.load(language).all()) {
                List<String> texts = new ArrayList<>(c.drafts(Tone.WARM));
                texts.addAll(c.drafts(Tone.FIRM));
                for (String draft : texts) {
                    String lower = draft.toLowerCase(Locale.ROOT);
                    phrases.forEach((kind, list) -> list.stream().filter(lower::contains).forEach(hit ->
                            offences.add(language.code() + " " + c.qualifiedId() + " " + kind + " '" + hit + "': " + draft)));
                    if (NUMBER.matcher(draft).find()) {
                        offences.add(language.code() + " " + c.qualifiedId() + " names a number: " + draft);
                    }
                }
            }
        }
        assertThat(offences).isEmpty();
    }

    @Test
    void chineseCardsAreWrittenInChineseAndEnglishOnesInEnglish() {
        for (SituationCards.Card c : SituationCards.load(Language.ZH).all()) {
            assertThat(c.drafts(Tone.WARM).get(0)).as(c.qualifiedId()).containsPattern("\\p{IsHan}");
        }
        for (SituationCards.Card c : SituationCards.load(Language.EN).all()) {
            assertThat(c.drafts(Tone.FIRM).get(0)).as(c.qualifiedId()).doesNotContainPattern("\\p{IsHan}");
        }
    }

    @Test
    void aCardFileThatBreaksTheRulesIsRefusedWithTheReason() {
        SituationCards.CardDoc card = new SituationCards.CardDoc("overdue", "An invoice is late.", List.of("nonsense"),
                List.of("one", "two"), List.of(), "", Map.of("warm", List.of("a")));
        SituationCards.FileDoc doc = new SituationCards.FileDoc("payment_pressure", "en", List.of(card));

        assertThatThrownBy(() -> SituationCards.validate("test.yaml", Behaviour.PAYMENT_PRESSURE, Language.EN, doc))
                .hasMessageContaining("test.yaml")
                .hasMessageContaining("at least 10 situations")
                .hasMessageContaining("4 to 8 non-empty examples")
                .hasMessageContaining("unknown behaviour in also: nonsense")
                .hasMessageContaining("at least one principle")
                .hasMessageContaining("at least 3 non-empty firm drafts")
                .hasMessageContaining("next_step must not be empty");
    }
}
