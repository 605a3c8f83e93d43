package dev.partnerbot.core.coach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerbot.core.Behaviour;
import dev.partnerbot.core.Language;
import dev.partnerbot.core.Tone;
import dev.partnerbot.core.advice.Playbook;
import dev.partnerbot.core.interpret.Interpretation;
import dev.partnerbot.core.interpret.LanguageDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class CoachTest {
    private final AtomicInteger interpreted = new AtomicInteger();
    private final List<String> seenTexts = new ArrayList<>();

    private Coach coachReading(Interpretation.Reading... readings) {
        Function<String, Interpretation> interpreter = text -> {
            interpreted.incrementAndGet();
            synchronized (seenTexts) {
                seenTexts.add(text);
            }
            return new Interpretation(LanguageDetector.detect(text), List.of(readings), Optional.empty());
        };
        return new Coach(interpreter, () -> { }, Playbook.loadAll());
    }

    private static Interpretation.Reading reading(Behaviour b) {
        return new Interpretation.Reading(b, 0.9, List.of("cue"));
    }

    @Test
    void emptyWhitespaceAndEmojiOnlyMessagesGetHelpWithoutInterpreting() {
        Coach coach = coachReading(reading(Behaviour.BLAME));
        for (String text : new String[] {"", "   \n\t", "🙄😡👍", "<> ** __"}) {
            Answer answer = coach.answer(text);
            assertThat(answer).isInstanceOf(Help.class);
            assertThat(((Help) answer).reason()).isEqualTo(Help.Reason.NOTHING_TO_READ);
        }
        assertThat(interpreted).hasValue(0);
    }

    @Test
    void askingForHelpGetsHelpInTheAskersLanguage() {
        Coach coach = coachReading(reading(Behaviour.BLAME));
        assertThat(coach.answer("help")).isInstanceOfSatisfying(Help.class, h -> {
            assertThat(h.reason()).isEqualTo(Help.Reason.ASKED);
            assertThat(h.language()).isEqualTo(Language.EN);
            assertThat(h.examples()).isNotEmpty();
        });
        assertThat(coach.answer("帮助").language()).isEqualTo(Language.ZH);
    }

    @Test
    void messageNotAboutAClientGetsHelp() {
        Coach coach = coachReading();
        assertThat(coach.answer("Where is the training room tomorrow?")).isInstanceOfSatisfying(Help.class,
                h -> assertThat(h.reason()).isEqualTo(Help.Reason.NOT_ABOUT_A_CLIENT));
    }

    @Test
    void tooLongMessageIsReadUpToTheLimitAndFlagged() {
        Coach coach = coachReading(reading(Behaviour.SCOPE_CREEP));
        String text = "The client keeps adding pages. ".repeat(200);

        Answer answer = coach.answer(text);

        assertThat(answer.truncated()).isTrue();
        assertThat(seenTexts.get(0)).hasSize(Coach.MAX_CHARS);
    }

    @Test
    void suggestionHasTwoRepliesPrinciplesAndANextStepLeadingWithTheMostSerious() {
        Coach coach = coachReading(reading(Behaviour.SCOPE_CREEP), reading(Behaviour.POWER_PLAY));

        Suggestion s = (Suggestion) coach.answer("They pay, so they want three more pages for free.");

        assertThat(s.behaviourIds()).containsExactly(Behaviour.POWER_PLAY, Behaviour.SCOPE_CREEP);
        assertThat(s.replies()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(s.principles()).isNotEmpty();
        assertThat(s.nextStep()).isNotBlank();
        assertThat(s.behaviours().get(0).cues()).containsExactly("cue");
    }

    @Test
    void anotherDraftRotatesAndTheSameRoundRepeats() {
        Coach coach = coachReading(reading(Behaviour.UNREALISTIC_DEADLINE));
        String text = "Brief at 6pm, deck due at 8am.";

        Suggestion first = (Suggestion) coach.answer(text);
        Suggestion again = (Suggestion) coach.answer(text);
        Suggestion next = (Suggestion) coach.answer(text, 1, Optional.empty());

        assertThat(again.replies()).isEqualTo(first.replies());
        assertThat(next.replies().get(0).text()).isNotEqualTo(first.replies().get(0).text());
        assertThat(interpreted).as("repeated text served from the cache").hasValue(1);
    }

    @Test
    void redraftNeedsNoTextAndMatchesTheAnswerForTheSameRound() {
        Coach coach = coachReading(reading(Behaviour.BLAME));
        String text = "They blamed us for their typo.";
        Suggestion original = (Suggestion) coach.answer(text, 2, Optional.of(Tone.WARM));

        Suggestion redrafted = coach.redraft(Language.EN, List.of(Behaviour.BLAME), original.situations(), Coach.seed(text), 2,
                Optional.of(Tone.WARM));

        assertThat(redrafted.replies()).isEqualTo(original.replies());
        assertThat(redrafted.nextStep()).isEqualTo(original.nextStep());
        assertThat(redrafted.situation()).isEqualTo(original.situation());
        // Without the ranking (an old button), the behaviour's cards are used in file order.
        assertThat(coach.redraft(Language.EN, List.of(Behaviour.BLAME), Coach.seed(text), 0, Optional.empty()).situation())
                .startsWith("blame/");
    }

    @Test
    void chineseMessageIsAnsweredInChinese() {
        Coach coach = coachReading(reading(Behaviour.PAYMENT_PRESSURE));
        Suggestion s = (Suggestion) coach.answer("客户财务说尾款要等明年才能付");
        assertThat(s.language()).isEqualTo(Language.ZH);
        assertThat(s.replies().get(0).text()).containsPattern("\\p{IsHan}");
    }

    @Test
    void ambiguousReadingAsksWhichWithBothOptions() {
        Function<String, Interpretation> interpreter = text -> new Interpretation(Language.EN,
                List.of(reading(Behaviour.SCOPE_CREEP)),
                Optional.of(new Interpretation.Ambiguity(Behaviour.SCOPE_CREEP, Behaviour.UNCLEAR_DIRECTION)));
        Coach coach = new Coach(interpreter, () -> { }, Playbook.loadAll());

        Answer answer = coach.answer("They changed what they want again.");

        assertThat(answer).isInstanceOfSatisfying(Clarification.class, c -> {
            assertThat(c.options()).containsExactly(Behaviour.SCOPE_CREEP, Behaviour.UNCLEAR_DIRECTION);
            assertThat(c.question()).contains("Scope creep");
            assertThat(c.tentative().behaviourIds()).containsExactly(Behaviour.SCOPE_CREEP);
        });
    }
}
