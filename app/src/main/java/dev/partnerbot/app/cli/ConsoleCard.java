package dev.partnerbot.app.cli;

import dev.partnerbot.core.Language;
import dev.partnerbot.core.advice.Playbook;
import dev.partnerbot.core.coach.Answer;
import dev.partnerbot.core.coach.Clarification;
import dev.partnerbot.core.coach.Coach;
import dev.partnerbot.core.coach.Help;
import dev.partnerbot.core.coach.PrincipleAdvice;
import dev.partnerbot.core.coach.ReplyDraft;
import dev.partnerbot.core.coach.SeenBehaviour;
import dev.partnerbot.core.coach.Suggestion;
import java.util.Locale;

/** Renders an answer as plain text for the terminal. */
final class ConsoleCard {
    private ConsoleCard() {
    }

    static String render(Answer answer, Coach coach) {
        Playbook playbook = coach.playbook(answer.language());
        StringBuilder out = new StringBuilder();
        if (answer.truncated()) {
            out.append(playbook.truncatedNotice(Coach.MAX_CHARS)).append("\n\n");
        }
        if (answer instanceof Suggestion s) {
            suggestion(out, s, playbook);
        } else if (answer instanceof Clarification c) {
            out.append(c.question()).append("  (").append(playbook.label("clarify_hint")).append(")\n\n");
            suggestion(out, c.tentative(), playbook);
        } else if (answer instanceof Help h) {
            help(out, h);
        }
        return out.toString().stripTrailing();
    }

    private static void suggestion(StringBuilder out, Suggestion s, Playbook playbook) {
        out.append(playbook.label("behaviours_seen")).append(":\n");
        for (SeenBehaviour b : s.behaviours()) {
            out.append(String.format(Locale.ROOT, "  - %s [%s, %.2f]", b.name(), b.behaviour().id(), b.confidence()));
            if (!b.cues().isEmpty()) {
                out.append("  ").append(playbook.label("cues")).append(": ");
                out.append(String.join(" / ", b.cues().stream().map(c -> quote(c, s.language())).toList()));
            }
            out.append('\n');
        }
        out.append("  ").append(s.dynamic()).append("\n\n");
        out.append(playbook.label("why")).append(":\n");
        for (PrincipleAdvice p : s.principles()) {
            out.append("  - ").append(p.name()).append(" [").append(p.principle().id()).append("]: ").append(p.why()).append('\n');
        }
        out.append('\n').append(playbook.label("replies"));
        s.tailoredBy().ifPresent(m -> out.append(" (").append(playbook.label("tailored_by").replace("{model}", m)).append(")"));
        out.append(":\n");
        if (s.general()) {
            out.append("  ").append(playbook.label("general_drafts")).append('\n');
        }
        for (ReplyDraft r : s.replies()) {
            out.append("  (").append(playbook.label(r.tone().id())).append(") ").append(r.text()).append('\n');
        }
        out.append('\n').append(playbook.label("next_step")).append(": ").append(s.nextStep()).append('\n');
    }

    private static void help(StringBuilder out, Help h) {
        out.append(h.text()).append('\n');
        for (String e : h.examples()) {
            out.append("  - ").append(e).append('\n');
        }
    }

    private static String quote(String cue, Language language) {
        return language == Language.ZH ? "「" + cue + "」" : "\"" + cue + "\"";
    }
}
