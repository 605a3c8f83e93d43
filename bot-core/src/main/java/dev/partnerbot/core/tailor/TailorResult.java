package dev.partnerbot.core.tailor;

import dev.partnerbot.core.Behaviour;
import dev.partnerbot.core.coach.ReplyDraft;
import java.util.List;

/** What tailoring gave: a {@link Tailored} answer, or a {@link Fallback} to the offline one with its reason. */
public sealed interface TailorResult permits TailorResult.Tailored, TailorResult.Fallback {

    /**
     * An answer that passed the guardrails. An empty {@code behaviours} list means the model read the
     * message as not about a client (the help answer is given).
     *
     * @param model the model's name
     * @param promptTokens tokens of the request as the provider counted them, or -1
     * @param answerTokens tokens of the answer, or -1
     */
    record Tailored(List<Behaviour> behaviours, List<ReplyDraft> replies, String nextStep, String model,
                    int promptTokens, int answerTokens) implements TailorResult {
        public Tailored {
            behaviours = List.copyOf(behaviours);
            replies = List.copyOf(replies);
        }
    }

    /** The offline answer stands. */
    record Fallback(Reason reason) implements TailorResult {
    }

    /** Why the offline answer stands; each is a metric label ({@link #id()}). */
    enum Reason {
        /** The model's text holds no JSON object of the answer format. */
        UNPARSABLE,
        /** Fewer than two usable reply drafts. */
        TOO_FEW_REPLIES,
        /** A reply or the next step is not in the user's script (Chinese for zh, Latin for en). */
        WRONG_LANGUAGE,
        /** A servile or hostile phrasing from the tone lists. */
        TONE,
        /** A reply or the next step too short or too long. */
        LENGTH,
        /** A number, date or name in a draft that is neither in the message nor in the playbook. */
        INVENTED_FACT,
        /** No answer within PARTNERBOT_LLM_TIMEOUT_MS. */
        TIMEOUT,
        /** 401 or 403: the key or the model name is wrong. */
        UNAUTHORIZED,
        /** 429 after the bounded retries. */
        RATE_LIMITED,
        /** 5xx after the bounded retries, or the server could not be reached. */
        SERVER_ERROR,
        /** Too many failures in a row: calls paused for a while. */
        CIRCUIT_OPEN,
        /** Anything else the provider answered. */
        ERROR;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
