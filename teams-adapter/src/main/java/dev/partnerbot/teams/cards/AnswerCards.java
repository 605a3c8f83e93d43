package dev.partnerbot.teams.cards;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.bot.schema.Attachment;
import dev.partnerbot.core.Language;
import dev.partnerbot.core.Tone;
import dev.partnerbot.core.advice.Playbook;
import dev.partnerbot.core.coach.Clarification;
import dev.partnerbot.core.coach.Coach;
import dev.partnerbot.core.coach.Help;
import dev.partnerbot.core.coach.PrincipleAdvice;
import dev.partnerbot.core.coach.ReplyDraft;
import dev.partnerbot.core.coach.SeenBehaviour;
import dev.partnerbot.core.coach.Suggestion;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Renders the coach's answers for Teams: suggestions as Adaptive Cards (version 1.5, the highest
 * Teams renders), help as Markdown text. All wording comes from the answer and the playbook.
 */
public final class AnswerCards {
    /** Content type of an Adaptive Card attachment. */
    public static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
    static final String SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";
    static final String VERSION = "1.5";

    private final Function<Language, Playbook> playbooks;
    private final ObjectMapper mapper;

    public AnswerCards(Function<Language, Playbook> playbooks, ObjectMapper mapper) {
        this.playbooks = playbooks;
        this.mapper = mapper;
    }

    /** The card for a suggestion; {@code seed} and {@code tone} go into the buttons for redrafts. */
    public ObjectNode suggestion(Suggestion s, long seed, Optional<Tone> tone) {
        return card(s, seed, tone, Optional.empty(), null);
    }

    /** As above; {@code message} is the message's redraft token (Coach#remember), null when tailoring is off. */
    public ObjectNode suggestion(Suggestion s, long seed, Optional<Tone> tone, String message) {
        return card(s, seed, tone, Optional.empty(), message);
    }

    /** The tentative suggestion, headed by the clarifying question. */
    public ObjectNode clarification(Clarification c, long seed) {
        return card(c.tentative(), seed, Optional.empty(), Optional.of(c.question()), null);
    }

    public Attachment attachment(ObjectNode card) {
        Attachment a = new Attachment();
        a.setContentType(CONTENT_TYPE);
        a.setContent(card);
        return a;
    }

    /** Help as an Adaptive Card (to replace an answer card in place). */
    public ObjectNode helpCard(Help help) {
        ObjectNode card = mapper.createObjectNode();
        card.put("type", "AdaptiveCard");
        card.put("$schema", SCHEMA);
        card.put("version", VERSION);
        card.putArray("body").add(text(help(help)));
        return card;
    }

    /** Help as Markdown: the text, then the example messages as a list. */
    public String help(Help help) {
        StringBuilder s = new StringBuilder(help.text());
        if (!help.examples().isEmpty()) {
            s.append("\n\n");
            s.append(help.examples().stream().map(e -> "- " + e).collect(Collectors.joining("\n")));
        }
        return s.toString();
    }

    /** Help in several languages, one after the other. */
    public String help(List<Help> helps) {
        return helps.stream().map(this::help).collect(Collectors.joining("\n\n---\n\n"));
    }

    private ObjectNode card(Suggestion s, long seed, Optional<Tone> tone, Optional<String> question, String message) {
        Playbook playbook = playbooks.apply(s.language());
        ObjectNode card = mapper.createObjectNode();
        card.put("type", "AdaptiveCard");
        card.put("$schema", SCHEMA);
        card.put("version", VERSION);
        ArrayNode body = card.putArray("body");

        question.ifPresent(q -> {
            body.add(text(q).put("weight", "Bolder"));
            body.add(text(playbook.label("clarify_hint")).put("isSubtle", true).put("spacing", "None"));
        });
        if (s.truncated()) {
            body.add(text(playbook.truncatedNotice(Coach.MAX_CHARS)).put("isSubtle", true).put("size", "Small"));
        }

        s.tailoredBy().ifPresent(model -> body.add(text(playbook.label("tailored_by").replace("{model}", model))
                .put("isSubtle", true).put("size", "Small")));
        if (s.general()) {
            body.add(text(playbook.label("general_drafts")).put("isSubtle", true).put("size", "Small"));
        }
        body.add(heading(playbook.label("behaviours_seen")));
        for (SeenBehaviour b : s.behaviours()) {
            body.add(text(b.name()).put("weight", "Bolder").put("spacing", "Small"));
            if (!b.cues().isEmpty()) {
                String cues = b.cues().stream().map(c -> "“" + c + "”").collect(Collectors.joining(", "));
                body.add(text(playbook.label("cues") + ": " + cues).put("isSubtle", true).put("spacing", "None"));
            }
        }
        if (s.dynamic() != null && !s.dynamic().isBlank()) {
            body.add(text(s.dynamic()));
        }

        body.add(heading(playbook.label("principles")));
        for (PrincipleAdvice p : s.principles()) {
            body.add(text(p.name()).put("weight", "Bolder").put("spacing", "Small"));
            body.add(text(playbook.label("why") + ": " + p.why()).put("spacing", "None"));
        }

        body.add(heading(playbook.label("replies")));
        for (ReplyDraft d : s.replies()) {
            ObjectNode box = body.addObject();
            box.put("type", "Container");
            box.put("style", "emphasis");
            ArrayNode items = box.putArray("items");
            items.add(text(playbook.label(d.tone().id())).put("weight", "Bolder").put("size", "Small"));
            items.add(text(d.text()).put("spacing", "None"));
        }

        body.add(heading(playbook.label("next_step")));
        body.add(text(s.nextStep()));

        CardSubmit state = new CardSubmit(CardSubmit.Kind.ANOTHER_DRAFT, s.language(), s.behaviourIds(),
                s.principles().stream().map(PrincipleAdvice::principle).toList(), seed, s.round(), tone, s.situations(), message);
        ObjectNode feedback = body.addObject();
        feedback.put("type", "ActionSet");
        feedback.put("spacing", "Large");
        ArrayNode votes = feedback.putArray("actions");
        votes.add(submit(playbook.label("helpful"), state.as(CardSubmit.Kind.HELPFUL)));
        votes.add(submit(playbook.label("not_helpful"), state.as(CardSubmit.Kind.NOT_HELPFUL)));

        ArrayNode actions = card.putArray("actions");
        actions.add(submit(playbook.label("another_draft"), state));
        actions.add(submit(playbook.label("warmer"), state.as(CardSubmit.Kind.WARMER)));
        actions.add(submit(playbook.label("firmer"), state.as(CardSubmit.Kind.FIRMER)));
        return card;
    }

    private ObjectNode heading(String label) {
        return text(label).put("weight", "Bolder").put("size", "Medium").put("spacing", "Medium");
    }

    private ObjectNode text(String value) {
        ObjectNode block = mapper.createObjectNode();
        block.put("type", "TextBlock");
        block.put("text", value);
        block.put("wrap", true);
        return block;
    }

    private ObjectNode submit(String title, CardSubmit data) {
        ObjectNode action = mapper.createObjectNode();
        action.put("type", "Action.Submit");
        action.put("title", title);
        action.set("data", data.toJson(mapper));
        return action;
    }
}
