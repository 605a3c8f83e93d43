package dev.partnerbot.app.llm;

import dev.partnerbot.config.Settings;
import dev.partnerbot.core.Language;
import dev.partnerbot.core.coach.Coach;
import dev.partnerbot.core.tailor.Guardrails;
import dev.partnerbot.core.tailor.TailorPrompt;
import dev.partnerbot.llm.LlmTailor;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** Turns on tailoring for a coach when the operator configured a model and consented to sending text. */
public final class TailoringSetup {
    private TailoringSetup() {
    }

    /** The tailor now used by {@code coach}, or empty (tailoring off, or no consent: one log line says why). */
    public static Optional<LlmTailor> apply(Settings.Llm settings, Coach coach, MeterRegistry registry) {
        Optional<LlmTailor> tailor = LlmTailor.fromSettings(settings, prompt(coach), guardrails(coach), registry);
        tailor.ifPresent(coach::useTailor);
        return tailor;
    }

    /** For the command line: a configured model without the operator's consent is said on stderr, once. */
    public static void noticeWithoutConsent(Settings.Llm settings, java.io.PrintStream err) {
        if (settings.configured() && !settings.sendText()) {
            err.println("partnerbot: PARTNERBOT_LLM_PROVIDER is " + settings.provider()
                    + " but PARTNERBOT_LLM_SEND_TEXT is not true, so no message text is sent and answers stay offline");
        }
    }

    public static TailorPrompt prompt(Coach coach) {
        Map<Language, dev.partnerbot.core.advice.Playbook> playbooks = new EnumMap<>(Language.class);
        for (Language l : Language.values()) {
            playbooks.put(l, coach.playbook(l));
        }
        return new TailorPrompt(playbooks);
    }

    static Guardrails guardrails(Coach coach) {
        Map<Language, String> known = new EnumMap<>(Language.class);
        for (Language l : Language.values()) {
            known.put(l, coach.adviceText(l));
        }
        return new Guardrails(known);
    }
}
