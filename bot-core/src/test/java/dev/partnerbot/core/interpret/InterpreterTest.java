package dev.partnerbot.core.interpret;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerbot.core.Behaviour;
import dev.partnerbot.core.Language;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the shipped fine-tuned readers. */
class InterpreterTest {
    private static Interpreter interpreter;

    @BeforeAll
    static void load() {
        interpreter = Interpreter.load();
    }

    @AfterAll
    static void close() {
        interpreter.close();
    }

    @Test
    void recognisesPowerPlayInEnglishWithACue() {
        Interpretation i = interpreter.interpret("The client says they're paying, so we should shut up and do it.");

        assertThat(i.language()).isEqualTo(Language.EN);
        assertThat(i.behaviours()).extracting(Interpretation.Reading::behaviour).contains(Behaviour.POWER_PLAY);
        assertThat(i.behaviours().get(0).cues()).isNotEmpty();
    }

    @Test
    void recognisesChineseMessages() {
        Interpretation i = interpreter.interpret("客户说我们只是乙方，让我们闭嘴照做就行。");

        assertThat(i.language()).isEqualTo(Language.ZH);
        assertThat(i.behaviours()).extracting(Interpretation.Reading::behaviour).contains(Behaviour.POWER_PLAY);
    }

    @Test
    void greetingsAndLogisticsAreNotAboutAClient() {
        assertThat(interpreter.interpret("hello").aboutAClient()).isFalse();
        assertThat(interpreter.interpret("明天的培训在哪个会议室?").aboutAClient()).isFalse();
    }

    @Test
    void cuesComeFromTheMessageItself() {
        String text = "The meeting went fine, but then their CFO told us the invoice will be paid in six months, not thirty days.";
        Interpretation i = interpreter.interpret(text);

        assertThat(i.behaviours()).isNotEmpty();
        assertThat(i.behaviours()).allSatisfy(r -> assertThat(r.cues()).allSatisfy(c -> assertThat(text).contains(c)));
    }

    @Test
    void isSafeToCallFromSeveralThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Interpretation>> results = pool.invokeAll(List.of(
                    () -> interpreter.interpret("They said we pay you, so do what we say."),
                    () -> interpreter.interpret("客户说我们只是乙方，让我们闭嘴照做就行。"),
                    () -> interpreter.interpret("They said we pay you, so do what we say."),
                    () -> interpreter.interpret("客户说我们只是乙方，让我们闭嘴照做就行。")));
            assertThat(results.get(0).get().behaviours()).isEqualTo(results.get(2).get().behaviours());
            assertThat(results.get(0).get().embedding()).containsExactly(results.get(2).get().embedding());
            assertThat(results.get(1).get().behaviours()).isEqualTo(results.get(3).get().behaviours());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void theSituationHeadIsScoredOnEveryCardExampleAndReportsEachMissWithinItsBehaviour() {
        dev.partnerbot.core.advice.SituationCards cards = dev.partnerbot.core.advice.SituationCards.load(Language.EN);
        int examples = cards.all().stream().mapToInt(c -> c.examples().size()).sum();

        Evaluation.SituationReport report = Evaluation.situationHead(interpreter.reader(Language.EN), cards);

        assertThat(report.examples()).isEqualTo(examples);
        assertThat(report.top1()).isCloseTo(1 - report.misses().size() / (double) examples, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(report.misses()).allSatisfy(m -> {
            assertThat(m.chosen()).isNotEqualTo(m.card());
            assertThat(m.chosen().substring(0, m.chosen().indexOf('/'))).isEqualTo(m.card().substring(0, m.card().indexOf('/')));
            assertThat(cards.all().stream().filter(c -> c.qualifiedId().equals(m.card())).flatMap(c -> c.examples().stream()))
                    .contains(m.text());
        });
        assertThat(report.confusions().stream().mapToInt(java.util.Map.Entry::getValue).sum()).isEqualTo(report.misses().size());

        // Calibration: one share per example, the hits among them are the examples not missed, and the chosen
        // card holds at least 1/n of its behaviour's probability (it is the largest of n).
        assertThat(report.shares()).hasSize(examples);
        assertThat(report.shares().stream().filter(Evaluation.Shared::right).count()).isEqualTo(examples - report.misses().size());
        assertThat(report.shares()).allSatisfy(s -> assertThat(s.share()).isBetween(1.0 / 14 - 1e-9, 1.0));
        double[] all = report.accuracyAbove(0);
        assertThat(all[0]).isCloseTo(report.top1(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(all[1]).isEqualTo(1.0);
        double[] unsure = report.accuracyBelow(0.8);
        assertThat(unsure[1]).isCloseTo(1 - report.accuracyAbove(0.8)[1], org.assertj.core.data.Offset.offset(1e-9));
        double[] confident = report.accuracyAbove(0.8);
        assertThat(confident[1]).isLessThan(1.0);
        assertThat(confident[0]).isGreaterThan(report.top1());
    }
}
