package dev.partnerbot.core.coach;

import dev.partnerbot.core.Language;

/**
 * What the {@link Coach} says about a message: a {@link Suggestion}, a {@link Clarification}
 * question when two readings are close, or {@link Help} when the message is not about a client.
 */
public sealed interface Answer permits Suggestion, Clarification, Help {

    /** The language the answer is written in. */
    Language language();

    /** True when the message was longer than {@link Coach#MAX_CHARS} and only its first part was read. */
    boolean truncated();
}
