package dev.partnerbot.core.coach;

import dev.partnerbot.core.Tone;

/** A reply the user could send to the client. */
public record ReplyDraft(Tone tone, String text) {
}
