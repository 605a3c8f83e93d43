package dev.partnerbot.core.coach;

import dev.partnerbot.core.Language;
import java.util.List;

/** How to use the bot, given when a message is empty, not about a client, or asks for help. */
public record Help(Language language, Reason reason, String text, List<String> examples, boolean truncated)
        implements Answer {

    /** Why help is shown instead of advice. */
    public enum Reason {
        /** The message was empty, whitespace, or only emoji or markup. */
        NOTHING_TO_READ,
        /** The message is not about what a client did (a greeting, logistics, small talk). */
        NOT_ABOUT_A_CLIENT,
        /** The user asked for help. */
        ASKED
    }

    public Help {
        examples = List.copyOf(examples);
    }
}
