package dev.partnerbot.core.coach;

import dev.partnerbot.core.Principle;

/** A principle that answers what the client did, with its display name and why it fits. */
public record PrincipleAdvice(Principle principle, String name, String why) {
}
