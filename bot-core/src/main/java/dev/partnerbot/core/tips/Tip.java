package dev.partnerbot.core.tips;

import dev.partnerbot.core.Language;
import dev.partnerbot.core.Principle;

/** One tip of the library in one language: what to do, why, and a first step to try this week. */
public record Tip(String id, Language language, Principle principle, String title, String body, String tryThis) {
}
