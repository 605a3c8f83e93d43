package dev.partnerbot.core.coach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerbot.core.Behaviour;
import dev.partnerbot.core.Language;
import dev.partnerbot.core.Tone;
import dev.partnerbot.core.advice.Playbook;
import dev.partnerbot.core.interpret.Interpretation;
import dev.partnerbot.core.interpret.LanguageDetector;
import dev.partnerbot.core.tailor.Tailor;
import dev.partnerbot.core.tailor.TailorRequest;
import dev.partnerbot.core.tailor.TailorResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The coach with a language model: the offline answer first, the tailored one only when it passed the guardrails. */
class CoachTailoringTest {
    private static final String TEXT = "They said we pay you, so do what we say.";

    private final List<TailorRequest> requests = new ArrayList<>();

    private Coach coach(boolean aboutAClient, Function<TailorRequest, TailorResult> model) {
        Coach coach = new Coach(text -> new Interpretation(LanguageDetector.detect(text), aboutAClient
                ? List.of(new Interpretation.Reading(Behaviour.POWER_PLAY, 0.9, List.of("we pay"))) : List.of(),
                Optional.empty()), () -> { }, Playbook.loadAll());
        coach.useTailor(new Tailor() {
            @Override
            public TailorResult tailor(TailorRequest request) {
                requests.add(request);
                return model.apply(request);
            }

            @Override
            public String model() {
                return "test-model";
            }
        });
        return coach;
    }

    private static TailorResult.Tailored tailored(Behaviour... behaviours) {
        return new TailorResult.Tailored(List.of(behaviours), List.of(new ReplyDraft(Tone.WARM, "A warm reply for this case."),
                new ReplyDraft(Tone.FIRM, "A firm reply for this case.")), "Call them this week.", "test-model", 10, 5);
    }

    @Test
    void aTailoredAnswerReplacesTheOfflineOneAndSaysWhichModelWroteIt() {
        Coach coach = coach(true, r -> tailored(Behaviour.POWER_PLAY, Behaviour.IGNORES_EXPERTISE));
        Answer offline = coach.answer(TEXT);

        Coach.Tailoring t = coach.tailor(TEXT, offline, 0);

        assertThat(t.tailored()).isTrue();
        assertThat(t.replaces(offline)).isTrue();
        Suggestion s = (Suggestion) t.answer();
        assertThat(s.behaviourIds()).containsExactlyInAnyOrder(Behaviour.POWER_PLAY, Behaviour.IGNORES_EXPERTISE);
        assertThat(s.replies()).extracting(ReplyDraft::text).containsExactly("A warm reply for this case.", "A firm reply for this case.");
        assertThat(s.tailoredBy()).contains("test-model");
        TailorRequest sent = requests.get(0);
        assertThat(sent.text()).isEqualTo(TEXT);
        assertThat(sent.reading()).extracting(TailorRequest.Reading::behaviour).containsExactly(Behaviour.POWER_PLAY);
        assertThat(sent.card()).isPresent();
        assertThat(sent.card().get().behaviour()).isEqualTo(Behaviour.POWER_PLAY);
    }

    @Test
    void aFallbackKeepsTheOfflineAnswerWithItsReason() {
        Coach coach = coach(true, r -> new TailorResult.Fallback(TailorResult.Reason.TONE));
        Answer offline = coach.answer(TEXT);

        Coach.Tailoring t = coach.tailor(TEXT, offline, 0);

        assertThat(t.tailored()).isFalse();
        assertThat(t.answer()).isSameAs(offline);
        assertThat(t.fallback()).contains(TailorResult.Reason.TONE);
    }

    @Test
    void anEmptyReadingFromTheModelMeansHelp() {
        Coach coach = coach(true, r -> tailored());
        Coach.Tailoring t = coach.tailor(TEXT, coach.answer(TEXT), 0);

        assertThat(t.answer()).isInstanceOf(Help.class);
        assertThat(((Help) t.answer()).reason()).isEqualTo(Help.Reason.NOT_ABOUT_A_CLIENT);
    }

    @Test
    void offlineHelpIsTailoredWhenTheModelReadsABehaviourButHelpAskedForIsNeverSent() {
        Coach coach = coach(false, r -> tailored(Behaviour.POWER_PLAY));
        Answer offline = coach.answer(TEXT);
        assertThat(offline).isInstanceOf(Help.class);

        assertThat(coach.tailor(TEXT, offline, 0).answer()).isInstanceOf(Suggestion.class);
        requests.clear();
        assertThat(coach.tailor("help", coach.answer("help"), 0).tailored()).isFalse();
        assertThat(requests).isEmpty();
    }

    @Test
    void anotherDraftAsksTheModelAgainWithTheRoundAndTheTextIsRecalledByItsToken() {
        Coach coach = coach(true, r -> tailored(Behaviour.POWER_PLAY));
        String token = coach.remember(TEXT);

        assertThat(token).matches("[0-9a-f]{24}");
        assertThat(coach.recall(token)).contains(TEXT);
        assertThat(coach.recall("0".repeat(24))).isEmpty();
        coach.tailor(coach.recall(token).orElseThrow(), coach.redraft(Language.EN, List.of(Behaviour.POWER_PLAY), 7, 2,
                Optional.empty()), 2);
        assertThat(requests.get(0).round()).isEqualTo(2);
    }

    @Test
    void withoutAModelNothingIsRememberedAndTheOfflineAnswerStands() {
        Coach coach = new Coach(text -> new Interpretation(Language.EN, List.of(new Interpretation.Reading(
                Behaviour.POWER_PLAY, 0.9, List.of())), Optional.empty()), () -> { }, Playbook.loadAll());
        Answer offline = coach.answer(TEXT);

        assertThat(coach.remember(TEXT)).isNull();
        assertThat(coach.tailor(TEXT, offline, 0).answer()).isSameAs(offline);
        assertThat(coach.tailorModel()).isEmpty();
    }
}
