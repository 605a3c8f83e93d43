package dev.partnerbot.core.interpret;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerbot.core.Behaviour;
import dev.partnerbot.core.Language;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kinds of message that the first readers got wrong (reported in the issue "Reading v2"), each with the
 * right reading. They are not in the corpus; the corpus teaches each kind with many messages of its own.
 */
class ReadingKindsTest {
    private static Interpreter interpreter;

    @BeforeAll
    static void load() {
        interpreter = Interpreter.load();
    }

    @AfterAll
    static void close() {
        interpreter.close();
    }

    private static List<Behaviour> read(String text) {
        return interpreter.interpret(text).behaviours().stream().map(Interpretation.Reading::behaviour).toList();
    }

    @Test
    void aPastedChatLogIsReadNotAnsweredWithHelp() {
        assertThat(read("client: can u make the logo bigger / me: sure, which version? / client: all of them. "
                + "and make it pop more. need it in 20 min for the board")).contains(Behaviour.UNREALISTIC_DEADLINE);
    }

    @Test
    void aComplaintAboutOnesOwnBossIsNotAboutAClient() {
        assertThat(read("my boss keeps scheduling meetings at 6pm, so annoying")).isEmpty();
    }

    @Test
    void aNeutralClientFactIsNotAboutClientBehaviour() {
        assertThat(read("The client asked to move the kickoff to Tuesday. Fine by us.")).isEmpty();
    }

    @Test
    void aChineseRantInInternetRegisterShowsEveryBehaviourInIt() {
        List<Behaviour> seen = read("甲方爸爸又来了,让我们今晚12点前再出三版,说我们的东西“没有灵魂”,不改到满意尾款就别想要了。");
        assertThat(seen).contains(Behaviour.UNREALISTIC_DEADLINE, Behaviour.PAYMENT_PRESSURE);
        assertThat(interpreter.interpret("甲方爸爸又来了,让我们今晚12点前再出三版").language()).isEqualTo(Language.ZH);
    }

    @Test
    void extraDeliverablesWithTheSameBudgetAndDeadlineAreScopeCreep() {
        assertThat(read("The client keeps adding deliverables but refuses to change the budget or the deadline"))
                .contains(Behaviour.SCOPE_CREEP);
    }

    @Test
    void aGlowingClientMessageLeadsWithPositiveAndInventsNoScopeCreep() {
        // The kind reported: positive plus invented power_play and scope_creep. Since the round-4 readers,
        // positive alone.
        assertThat(read("they said our research changed how they think about their customers and want to extend the contract"))
                .containsExactly(Behaviour.POSITIVE);
    }
}
