package dev.partnerbot.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.partnerbot.core.coach.Answer;
import dev.partnerbot.core.coach.Clarification;
import dev.partnerbot.core.coach.Coach;
import dev.partnerbot.core.coach.Help;
import dev.partnerbot.core.coach.PrincipleAdvice;
import dev.partnerbot.core.coach.ReplyDraft;
import dev.partnerbot.core.coach.SeenBehaviour;
import dev.partnerbot.core.coach.Suggestion;

/** The {@code interpret --jsonl} contract of interfaces.md: one JSON object in, one JSON line out. */
final class JsonLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLines() {
    }

    /**
     * Answers every line of {@code in} on {@code out}, exactly one JSON line per input line and in the same order
     * (interfaces.md), so that outside tools can pair them up; a blank line gets an error line, not silence.
     */
    static void answerAll(java.io.BufferedReader in, java.io.PrintWriter out, Coach coach, boolean markTailoring)
            throws java.io.IOException {
        String line;
        while ((line = in.readLine()) != null) {
            out.println(answer(line, coach, markTailoring));
        }
    }

    /** Answers one input line; never throws for bad input, it returns an {@code error} object instead. */
    static String answer(String line, Coach coach) {
        return answer(line, coach, false);
    }

    /**
     * As above; with {@code markTailoring} (a language model is configured) the line also carries
     * {@code "tailored"}: true when the model's answer passed the guardrails, false for the offline answer.
     */
    static String answer(String line, Coach coach, boolean markTailoring) {
        if (line.isBlank()) {
            return error(null, "empty line; each line must be a JSON object like {\"id\": \"a\", \"text\": \"...\"}");
        }
        JsonNode input;
        try {
            input = JSON.readTree(line);
        } catch (Exception e) {
            return error(null, "line is not valid JSON");
        }
        if (input == null || !input.isObject()) {
            return error(null, "line must be a JSON object like {\"id\": \"a\", \"text\": \"...\"}");
        }
        JsonNode id = input.get("id");
        JsonNode text = input.get("text");
        if (text == null || text.isNull()) {
            return error(id, "missing \"text\"");
        }
        if (!text.isTextual()) {
            return error(id, "\"text\" must be a string");
        }
        if (text.asText().isBlank()) {
            return error(id, "\"text\" is empty");
        }
        Answer offline = coach.answer(text.asText());
        if (!markTailoring) {
            return render(id, offline);
        }
        Coach.Tailoring t = coach.tailor(text.asText(), offline, 0);
        ObjectNode out = (ObjectNode) parse(render(id, t.answer()));
        out.put("tailored", t.tailored());
        return out.toString();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String render(JsonNode id, Answer answer) {
        ObjectNode out = JSON.createObjectNode();
        out.set("id", id);
        out.put("language", answer.language().code());
        Suggestion suggestion = answer instanceof Suggestion s ? s
                : answer instanceof Clarification c ? c.tentative() : null;
        ArrayNode behaviours = out.putArray("behaviours");
        ArrayNode principles = out.putArray("principles");
        ArrayNode replies = out.putArray("replies");
        if (suggestion != null) {
            for (SeenBehaviour b : suggestion.behaviours()) {
                ObjectNode node = behaviours.addObject();
                node.put("id", b.behaviour().id());
                node.put("confidence", b.confidence());
                ArrayNode cues = node.putArray("cues");
                b.cues().forEach(cues::add);
            }
            for (PrincipleAdvice p : suggestion.principles()) {
                principles.add(p.principle().id());
            }
            for (ReplyDraft r : suggestion.replies()) {
                replies.addObject().put("tone", r.tone().id()).put("text", r.text());
            }
            out.put("next_step", suggestion.nextStep());
            out.put("situation", suggestion.situation());
            suggestion.tailoredBy().ifPresent(m -> out.put("model", m));
        }
        if (answer instanceof Clarification c) {
            ObjectNode clarify = out.putObject("clarify");
            clarify.put("question", c.question());
            ArrayNode options = clarify.putArray("options");
            c.options().forEach(o -> options.add(o.id()));
        }
        if (answer instanceof Help h) {
            out.put("help", h.text() + " " + String.join(" | ", h.examples()));
        }
        if (answer.truncated()) {
            out.put("truncated", true);
        }
        return out.toString();
    }

    private static String error(JsonNode id, String reason) {
        ObjectNode out = JSON.createObjectNode();
        out.set("id", id);
        out.put("error", reason);
        return out.toString();
    }
}
