package dev.partnerbot.core.advice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerbot.core.Behaviour;
import dev.partnerbot.core.Language;
import dev.partnerbot.core.Principle;
import dev.partnerbot.core.Tone;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlaybookTest {
    private final Map<Language, Playbook> playbooks = Playbook.loadAll();

    @Test
    void everyBehaviourHasAtLeastThreeDistinctDraftsPerLanguageAndTone() {
        for (Playbook p : playbooks.values()) {
            for (Behaviour b : Behaviour.values()) {
                for (Tone t : Tone.values()) {
                    List<String> drafts = p.behaviour(b).drafts(t);
                    assertThat(new HashSet<>(drafts)).as("%s %s %s", p.language(), b.id(), t.id()).hasSizeGreaterThanOrEqualTo(3);
                }
                assertThat(p.behaviour(b).nextSteps()).as("%s %s next steps", p.language(), b.id()).isNotEmpty();
                assertThat(p.behaviour(b).principles()).as("%s %s principles", p.language(), b.id()).isNotEmpty();
            }
        }
    }

    /**
     * The playbook's drafts are the general card of their behaviour, sent when the situation is unclear, so
     * they name no fact a message might not give: no number (amount, date, hour, count of rounds).
     */
    @Test
    void generalDraftsNameNoNumber() {
        for (Playbook p : playbooks.values()) {
            for (Behaviour b : Behaviour.values()) {
                for (Tone t : Tone.values()) {
                    assertThat(p.behaviour(b).drafts(t)).as("%s %s %s", p.language(), b.id(), t.id())
                            .noneMatch(d -> d.codePoints().anyMatch(Character::isDigit));
                }
            }
        }
    }

    @Test
    void everyPrincipleIsExplainedInBothLanguages() {
        for (Playbook p : playbooks.values()) {
            for (Principle principle : Principle.values()) {
                assertThat(p.principle(principle).name()).isNotBlank();
                assertThat(p.principle(principle).explanation()).isNotBlank();
            }
        }
    }

    @Test
    void severityIsTheSameInBothLanguages() {
        for (Behaviour b : Behaviour.values()) {
            assertThat(playbooks.get(Language.ZH).behaviour(b).severity())
                    .as(b.id()).isEqualTo(playbooks.get(Language.EN).behaviour(b).severity());
        }
    }

    @Test
    void noDraftIsServileOrHostile() throws IOException {
        List<String> offences = new ArrayList<>();
        for (Playbook p : playbooks.values()) {
            Map<String, List<String>> phrases = phrases(p.language());
            assertThat(phrases.get("servile")).hasSizeGreaterThanOrEqualTo(20);
            assertThat(phrases.get("hostile")).hasSizeGreaterThanOrEqualTo(20);
            for (Behaviour b : Behaviour.values()) {
                List<String> texts = new ArrayList<>(p.behaviour(b).drafts(Tone.WARM));
                texts.addAll(p.behaviour(b).drafts(Tone.FIRM));
                texts.add(p.behaviour(b).foldIn());
                for (String draft : texts) {
                    String lower = draft.toLowerCase(Locale.ROOT);
                    phrases.forEach((kind, list) -> list.stream().filter(lower::contains)
                            .forEach(hit -> offences.add(p.language() + " " + b.id() + " " + kind + " '" + hit + "': " + draft)));
                }
            }
        }
        assertThat(offences).isEmpty();
    }

    @Test
    void phraseListsCatchServileAndHostileWording() throws IOException {
        Map<String, List<String>> en = phrases(Language.EN);
        assertThat(en.get("servile").stream().anyMatch("Of course, we'll do whatever you say!".toLowerCase(Locale.ROOT)::contains)).isTrue();
        assertThat(en.get("hostile").stream().anyMatch("As I already said, per my last email.".toLowerCase(Locale.ROOT)::contains)).isTrue();
        Map<String, List<String>> zh = phrases(Language.ZH);
        assertThat(zh.get("servile").stream().anyMatch("好的好的，您说了算"::contains)).isTrue();
        assertThat(zh.get("hostile").stream().anyMatch("那你们自己看着办吧"::contains)).isTrue();
    }

    static Map<String, List<String>> phrases(Language language) throws IOException {
        return ToneLists.of(language);
    }
}
