package dev.partnerbot.core.interpret;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerbot.core.Behaviour;
import dev.partnerbot.core.Language;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CorpusTest {
    private final Corpus corpus = Corpus.load();

    @Test
    void hasAtLeastSixHundredMessagesPerBehaviourPerLanguage() {
        for (Language language : Language.values()) {
            for (Behaviour b : Behaviour.values()) {
                long n = corpus.in(language).stream().filter(m -> m.labels().contains(b)).count();
                assertThat(n).as("%s %s", language.code(), b.id()).isGreaterThanOrEqualTo(600);
            }
        }
    }

    @Test
    void hasAtLeastFifteenHundredOutOfScopeMessagesPerLanguage() {
        for (Language language : Language.values()) {
            assertThat(corpus.in(language).stream().filter(LabelledMessage::outOfScope).count())
                    .as(language.code()).isGreaterThanOrEqualTo(1500);
        }
    }

    @Test
    void atLeastFifteenPercentShowSeveralBehaviours() {
        List<LabelledMessage> all = corpus.messages();
        long several = all.stream().filter(m -> m.labels().size() >= 2).count();
        assertThat(several / (double) all.size()).isGreaterThanOrEqualTo(0.15);
    }

    @Test
    void theDevSetIsHeldOutAndLargeEnoughToJudgeEveryBehaviour() {
        Corpus dev = Corpus.devSet();
        Set<String> training = new HashSet<>();
        corpus.messages().forEach(m -> training.add(m.text().strip()));
        for (Language language : Language.values()) {
            List<LabelledMessage> messages = dev.in(language);
            assertThat(messages).as(language.code()).hasSizeGreaterThanOrEqualTo(300);
            for (Behaviour b : Behaviour.values()) {
                assertThat(messages.stream().filter(m -> m.labels().contains(b)).count()).as("%s %s", language.code(), b.id())
                        .isGreaterThanOrEqualTo(20);
            }
            assertThat(messages.stream().filter(LabelledMessage::outOfScope).count()).as(language.code()).isGreaterThanOrEqualTo(100);
        }
        assertThat(dev.messages()).noneMatch(m -> training.contains(m.text().strip()));
    }

    @Test
    void everyLanguageTagMatchesTheDetectedMajorityAndTextsAreUnique() {
        Set<String> seen = new HashSet<>();
        for (LabelledMessage m : corpus.messages()) {
            assertThat(seen.add(m.text())).as("duplicate: %s", m.text()).isTrue();
        }
        long mismatched = corpus.messages().stream()
                .filter(m -> LanguageDetector.detect(m.text()) != m.language()).count();
        assertThat(mismatched / (double) corpus.messages().size()).isLessThan(0.02);
    }
}
