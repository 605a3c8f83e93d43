package dev.partnerbot.core.tailor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerbot.core.Behaviour;
import dev.partnerbot.core.Language;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every way a model's answer can be unusable is a reason to keep the offline answer. */
class GuardrailsTest {
    private static final String MESSAGE = "Invoice 2231 is 60 days late and Priya from their finance team stopped answering.";
    private final Guardrails guardrails = new Guardrails(Map.of(Language.EN, "Agree the rules of working together"));

    private static String answer(String warm, String firm) {
        return "{\"behaviours\":[\"payment_pressure\"],\"replies\":[{\"tone\":\"warm\",\"text\":\"" + warm
                + "\"},{\"tone\":\"firm\",\"text\":\"" + firm + "\"}],\"next_step\":\"Ask who can release the payment.\"}";
    }

    private TailorResult check(String modelText, Language language) {
        return guardrails.check(modelText, language == Language.ZH ? "客户拖欠尾款两个月了" : MESSAGE, language, "m", -1, -1);
    }

    private static final String WARM = "Could you let me know when invoice 2231 is scheduled? Priya may be the right person to ask.";
    private static final String FIRM = "The invoice is now overdue under our terms; please confirm a payment date so we can plan the next phase.";

    @Test
    void aGoodAnswerPassesAndNumbersAndNamesFromTheMessageAreAllowed() {
        TailorResult r = check(answer(WARM, FIRM), Language.EN);

        assertThat(r).isInstanceOf(TailorResult.Tailored.class);
        assertThat(((TailorResult.Tailored) r).behaviours()).containsExactly(Behaviour.PAYMENT_PRESSURE);
    }

    @Test
    void jsonInProseOrAFenceIsReadAndGarbageIsNot() {
        assertThat(check("Here you go:\n```json\n" + answer(WARM, FIRM) + "\n```", Language.EN)).isInstanceOf(TailorResult.Tailored.class);
        assertThat(check("I think it is payment pressure.", Language.EN)).isEqualTo(new TailorResult.Fallback(TailorResult.Reason.UNPARSABLE));
        assertThat(check("{\"behaviours\":[\"stinginess\"],\"replies\":[]}", Language.EN))
                .isEqualTo(new TailorResult.Fallback(TailorResult.Reason.UNPARSABLE));
    }

    @Test
    void anInventedNumberDayOrNameFallsBack() {
        assertThat(check(answer(WARM, FIRM + " We need it by 15 March."), Language.EN))
                .isEqualTo(new TailorResult.Fallback(TailorResult.Reason.INVENTED_FACT));
        assertThat(check(answer(WARM, FIRM + " Let's talk on Friday."), Language.EN))
                .isEqualTo(new TailorResult.Fallback(TailorResult.Reason.INVENTED_FACT));
        assertThat(check(answer(WARM, FIRM + " I have copied Martin on this."), Language.EN))
                .isEqualTo(new TailorResult.Fallback(TailorResult.Reason.INVENTED_FACT));
    }

    @Test
    void scriptToneAndLengthAreChecked() {
        assertThat(check(answer("好的,我们会尽快跟进这笔款项。", FIRM), Language.EN))
                .isEqualTo(new TailorResult.Fallback(TailorResult.Reason.WRONG_LANGUAGE));
        assertThat(check(answer(WARM, FIRM), Language.ZH)).isEqualTo(new TailorResult.Fallback(TailorResult.Reason.WRONG_LANGUAGE));
        assertThat(check(answer("So sorry, whatever you say, we will wait as long as you need.", FIRM), Language.EN))
                .isEqualTo(new TailorResult.Fallback(TailorResult.Reason.TONE));
        assertThat(check(answer("Ok.", FIRM), Language.EN)).isEqualTo(new TailorResult.Fallback(TailorResult.Reason.LENGTH));
        assertThat(check(answer(WARM, "x".repeat(701)), Language.EN)).isEqualTo(new TailorResult.Fallback(TailorResult.Reason.LENGTH));
    }

    @Test
    void aChineseAnswerInChinesePasses() {
        String zh = "{\"behaviours\":[\"payment_pressure\"],\"replies\":[{\"tone\":\"warm\",\"text\":\"想跟您确认一下尾款的安排,方便告诉我们预计的付款时间吗?\"},"
                + "{\"tone\":\"firm\",\"text\":\"按照合同约定,尾款已经逾期,请尽快确认付款日期,以便我们安排后续工作。\"}],\"next_step\":\"本周联系对方财务确认付款日期。\"}";
        assertThat(check(zh, Language.ZH)).isInstanceOf(TailorResult.Tailored.class);
    }

    @Test
    void anEmptyListMeansNotAboutAClient() {
        TailorResult r = check("{\"behaviours\":[],\"replies\":[]}", Language.EN);
        assertThat(r).isInstanceOf(TailorResult.Tailored.class);
        assertThat(((TailorResult.Tailored) r).behaviours()).isEmpty();
    }
}
