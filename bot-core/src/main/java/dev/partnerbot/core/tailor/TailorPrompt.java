package dev.partnerbot.core.tailor;

import dev.partnerbot.core.Language;
import dev.partnerbot.core.Principle;
import dev.partnerbot.core.Tone;
import dev.partnerbot.core.advice.Playbook;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The two messages of one tailoring call. The system message holds the instructions and the answer
 * format ({@code tailor/instructions.txt}), the behaviour definitions ({@code tailor/behaviours.txt}, from
 * behaviours.md) and the five principles with their explanations in the user's language. The user message
 * holds the offline reading (behaviours with confidence and cues), the situation card (what the situation
 * is, its principles with why, its warm and firm drafts as examples of tone) and, last, the user's own
 * message. Deterministic for a request, so {@code interpret --show-prompt} shows what is sent.
 */
public final class TailorPrompt {
    private static final String INSTRUCTIONS = read("tailor/instructions.txt");
    private static final String DEFINITIONS = read("tailor/behaviours.txt");

    /** The system and user message. */
    public record Messages(String system, String user) {
    }

    private final Map<Language, Playbook> playbooks;

    public TailorPrompt(Map<Language, Playbook> playbooks) {
        this.playbooks = Map.copyOf(playbooks);
    }

    public Messages messages(TailorRequest request) {
        Playbook playbook = playbooks.get(request.language());
        StringBuilder system = new StringBuilder(INSTRUCTIONS.replace("{LANGUAGE}",
                request.language() == Language.ZH ? "Chinese (简体中文)" : "English"));
        system.append("\nBehaviour ids and what they cover:\n").append(DEFINITIONS);
        system.append("\nThe partnership principles behind good replies:\n");
        for (Principle p : Principle.values()) {
            Playbook.PrincipleText t = playbook.principle(p);
            system.append("- ").append(t.name()).append(": ").append(t.explanation()).append('\n');
        }

        StringBuilder user = new StringBuilder();
        if (request.reading().isEmpty()) {
            user.append("Offline reading: not about a client's behaviour.\n");
        } else {
            user.append("Offline reading:\n");
            for (TailorRequest.Reading r : request.reading()) {
                user.append("- ").append(r.behaviour().id()).append(String.format(java.util.Locale.ROOT, " (%.2f)", r.confidence()));
                if (!r.cues().isEmpty()) {
                    user.append(", because of: ").append(String.join(" | ", r.cues()));
                }
                user.append('\n');
            }
        }
        request.card().ifPresent(card -> {
            user.append("Situation card: ").append(card.situation()).append('\n');
            card.principles().forEach(a -> user.append("- principle ").append(a.id()).append(": ").append(a.why()).append('\n'));
            for (Tone tone : Tone.values()) {
                card.drafts(tone).stream().limit(2).forEach(d ->
                        user.append("- example ").append(tone.id()).append(" draft: ").append(d).append('\n'));
            }
        });
        if (request.round() > 0) {
            user.append("\nThe user asked for another draft (attempt ").append(request.round() + 1)
                    .append("): write replies that differ from the usual ones.\n");
        }
        user.append("\nThe user's message:\n").append(request.text());
        return new Messages(system.toString(), user.toString());
    }

    private static String read(String resource) {
        try (InputStream in = TailorPrompt.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
