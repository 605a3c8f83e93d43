package dev.partnerbot.slack.cards;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import dev.partnerbot.core.Language;
import dev.partnerbot.core.Tone;
import dev.partnerbot.core.advice.Playbook;
import dev.partnerbot.core.coach.Answer;
import dev.partnerbot.core.coach.Clarification;
import dev.partnerbot.core.coach.Coach;
import dev.partnerbot.core.coach.Help;
import dev.partnerbot.core.coach.PrincipleAdvice;
import dev.partnerbot.core.coach.ReplyDraft;
import dev.partnerbot.core.coach.SeenBehaviour;
import dev.partnerbot.core.coach.Suggestion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Renders the coach's {@link Answer} as a Block Kit card. Every word comes from the answer or
 * from the playbook of its language; the card's buttons carry a {@link CardState}.
 */
public final class AnswerCard {

    private final Coach coach;

    public AnswerCard(Coach coach) {
        this.coach = coach;
    }

    /** A message ready to send: fallback text (notifications, screen readers) and blocks. */
    public record Card(String text, List<LayoutBlock> blocks) {
        public Card {
            blocks = List.copyOf(blocks);
        }
    }

    /**
     * Renders an answer.
     *
     * @param seed the seed of the message answered ({@link #seedOf})
     * @param tone the tone asked for, if any
     * @param threadTs where a posted draft goes, or null for the channel itself
     */
    public Card render(Answer answer, long seed, Optional<Tone> tone, String threadTs) {
        return render(answer, seed, tone, threadTs, null);
    }

    /**
     * As above; {@code message} is the message's redraft token ({@code Coach#remember}, null when tailoring
     * is off), carried by the buttons so that "another draft" can ask the language model again.
     */
    public Card render(Answer answer, long seed, Optional<Tone> tone, String threadTs, String message) {
        Playbook playbook = coach.playbook(answer.language());
        if (answer instanceof Suggestion s) {
            return new Card(summary(s, playbook), suggestion(s, CardState.of(s, seed, tone, threadTs).withMessage(message), playbook));
        }
        if (answer instanceof Clarification c) {
            List<LayoutBlock> blocks = new ArrayList<>();
            blocks.add(section(x -> x.text(markdownText(clip("*" + esc(c.question()) + "*")))));
            blocks.add(context(x -> x.elements(List.<ContextBlockElement>of(markdownText(esc(playbook.label("clarify_hint")))))));
            blocks.add(divider());
            blocks.addAll(suggestion(c.tentative(), CardState.of(c.tentative(), seed, tone, threadTs).withMessage(message), playbook));
            return new Card(c.question(), blocks);
        }
        Help h = (Help) answer;
        return new Card(h.text(), help(h, playbook));
    }

    /** A card for a redraft, keeping where it came from. */
    public Card render(Suggestion suggestion, CardState state) {
        Playbook playbook = coach.playbook(suggestion.language());
        return new Card(summary(suggestion, playbook), suggestion(suggestion, state, playbook));
    }

    /** A one-line message from the playbook's labels, e.g. {@code feedback_thanks}. */
    /** The blocks with a short notice in front (e.g. that attached files are not read). */
    public List<LayoutBlock> withNotice(String notice, List<LayoutBlock> blocks) {
        List<LayoutBlock> out = new java.util.ArrayList<>();
        out.add(context(x -> x.elements(List.<ContextBlockElement>of(markdownText(esc(notice))))));
        out.addAll(blocks);
        return out.size() > 50 ? out.subList(0, 50) : out;
    }

    public String label(Language language, String key) {
        return coach.playbook(language).label(key);
    }

    /** The seed the coach uses for a message, so that buttons reproduce its drafts. */
    public static long seedOf(String text) {
        String message = text == null ? "" : text.strip();
        if (message.length() > Coach.MAX_CHARS) {
            int end = Coach.MAX_CHARS;
            if (Character.isHighSurrogate(message.charAt(end - 1))) {
                end--;
            }
            message = message.substring(0, end);
        }
        return Coach.seed(message);
    }

    private List<LayoutBlock> suggestion(Suggestion s, CardState state, Playbook playbook) {
        List<LayoutBlock> blocks = new ArrayList<>();

        StringBuilder seen = new StringBuilder("*").append(esc(playbook.label("behaviours_seen"))).append("*");
        for (SeenBehaviour b : s.behaviours()) {
            seen.append("\n• *").append(esc(b.name())).append('*');
            if (!b.cues().isEmpty()) {
                seen.append(" — ").append(esc(playbook.label("cues"))).append(": ")
                        .append(b.cues().stream().map(c -> "“" + esc(c) + "”").collect(Collectors.joining(", ")));
            }
        }
        if (s.dynamic() != null && !s.dynamic().isBlank()) {
            seen.append("\n_").append(esc(s.dynamic())).append('_');
        }
        String seenText = seen.toString();
        blocks.add(section(x -> x.text(markdownText(clip(seenText)))));

        StringBuilder why = new StringBuilder("*").append(esc(playbook.label("why"))).append("*");
        for (PrincipleAdvice p : s.principles()) {
            why.append("\n• *").append(esc(p.name())).append("* — ").append(esc(p.why()));
        }
        String whyText = why.toString();
        blocks.add(section(x -> x.text(markdownText(clip(whyText)))));

        blocks.add(section(x -> x.text(markdownText("*" + esc(playbook.label("replies")) + "*"))));
        s.tailoredBy().ifPresent(model -> blocks.add(context(x -> x.elements(List.<ContextBlockElement>of(
                markdownText(esc(playbook.label("tailored_by").replace("{model}", model))))))));
        if (s.general()) {
            blocks.add(context(x -> x.elements(List.<ContextBlockElement>of(markdownText(esc(playbook.label("general_drafts")))))));
        }
        List<ReplyDraft> replies = s.replies();
        for (int i = 0; i < replies.size(); i++) {
            ReplyDraft d = replies.get(i);
            int index = i;
            String text = "*" + esc(playbook.label(d.tone().id())) + "*\n>" + esc(d.text()).replace("\n", "\n>");
            ButtonElement post = com.slack.api.model.block.element.BlockElements.button(b -> b.actionId(ActionIds.POST_DRAFT_PREFIX + d.tone().id() + "_" + index)
                    .text(plainText(buttonText(playbook.label("post_draft"))))
                    .value((s.tailoredBy().isPresent() ? state.withDraft(index, d.text()) : state.withDraft(index)).encode()));
            blocks.add(section(x -> x.text(markdownText(clip(text))).accessory(post)));
        }

        String next = "*" + esc(playbook.label("next_step")) + "*\n" + esc(s.nextStep());
        blocks.add(section(x -> x.text(markdownText(clip(next)))));
        if (s.truncated()) {
            String notice = esc(playbook.truncatedNotice(Coach.MAX_CHARS));
            blocks.add(context(x -> x.elements(List.<ContextBlockElement>of(markdownText(notice)))));
        }

        blocks.add(divider());
        String value = state.encode();
        blocks.add(actions(a -> a.blockId("partner_drafts").elements(List.<BlockElement>of(
                button(ActionIds.ANOTHER_DRAFT, playbook.label("another_draft"), value),
                button(ActionIds.WARMER, playbook.label("warmer"), value),
                button(ActionIds.FIRMER, playbook.label("firmer"), value)))));
        blocks.add(actions(a -> a.blockId("partner_feedback").elements(List.<BlockElement>of(
                button(ActionIds.FEEDBACK_HELPFUL, playbook.label("helpful"), value),
                button(ActionIds.FEEDBACK_NOT_HELPFUL, playbook.label("not_helpful"), value)))));
        return blocks;
    }

    private static List<LayoutBlock> help(Help h, Playbook playbook) {
        List<LayoutBlock> blocks = new ArrayList<>();
        if (h.truncated()) {
            String notice = esc(playbook.truncatedNotice(Coach.MAX_CHARS));
            blocks.add(context(x -> x.elements(List.<ContextBlockElement>of(markdownText(notice)))));
        }
        blocks.add(section(x -> x.text(markdownText(clip(esc(h.text()))))));
        if (!h.examples().isEmpty()) {
            String examples = h.examples().stream().map(e -> "• /partner " + esc(e)).collect(Collectors.joining("\n"));
            blocks.add(section(x -> x.text(markdownText(clip(examples)))));
        }
        return blocks;
    }

    private static String summary(Suggestion s, Playbook playbook) {
        return playbook.label("behaviours_seen") + ": "
                + s.behaviours().stream().map(SeenBehaviour::name).collect(Collectors.joining(", "));
    }

    private static ButtonElement button(String actionId, String label, String value) {
        return com.slack.api.model.block.element.BlockElements.button(b -> b.actionId(actionId)
                .text(plainText(buttonText(label))).value(value));
    }

    private static String buttonText(String label) {
        return Mrkdwn.clip(label, Mrkdwn.BUTTON_TEXT_MAX);
    }

    private static String esc(String text) {
        return Mrkdwn.escape(text);
    }

    private static String clip(String text) {
        return Mrkdwn.clip(text, Mrkdwn.SECTION_TEXT_MAX);
    }
}
