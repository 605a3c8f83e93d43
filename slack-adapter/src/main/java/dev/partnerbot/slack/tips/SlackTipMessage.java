package dev.partnerbot.slack.tips;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.Message;
import com.slack.api.model.block.LayoutBlock;
import dev.partnerbot.core.Language;
import dev.partnerbot.core.advice.Playbook;
import dev.partnerbot.core.tips.Tip;
import dev.partnerbot.core.tips.TipSchedule;
import dev.partnerbot.core.tips.WeeklyTip;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Block Kit for a weekly tip: heading, the tip in each language with its principle and a "try
 * this", then the discuss-in-thread prompt and the managers' opt-out hint. All wording comes from
 * the tip library and the playbook labels. The message carries metadata
 * ({@code partnerbot_tip}: schedule id, week) so a later attempt can tell that it was posted.
 */
public final class SlackTipMessage {
    /** Slack message metadata event type that marks a weekly tip post. */
    public static final String EVENT_TYPE = "partnerbot_tip";

    private final Map<Language, Playbook> playbooks;

    SlackTipMessage(Map<Language, Playbook> playbooks) {
        this.playbooks = playbooks;
    }

    List<LayoutBlock> blocks(WeeklyTip tip) {
        Playbook first = playbooks.get(tip.tips().get(0).language());
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(first.label("tip_heading")))));
        boolean firstTip = true;
        for (Tip t : tip.tips()) {
            Playbook p = playbooks.get(t.language());
            if (!firstTip) {
                blocks.add(divider());
            }
            firstTip = false;
            blocks.add(section(s -> s.text(markdownText("*" + escape(t.title()) + "*\n" + escape(t.body())))));
            blocks.add(section(s -> s.text(markdownText("*" + escape(p.label("tip_try_this")) + ":* " + escape(t.tryThis())))));
            blocks.add(context(c -> c.elements(List.of(markdownText(
                    escape(p.label("principles")) + ": " + escape(p.principle(t.principle()).name()))))));
        }
        blocks.add(divider());
        List<String> footer = new ArrayList<>();
        for (Tip t : tip.tips()) {
            Playbook p = playbooks.get(t.language());
            footer.add(escape(p.label("tip_discuss")) + "\n" + escape(p.label("tip_opt_out")));
        }
        blocks.add(context(c -> c.elements(List.of(markdownText(String.join("\n", footer))))));
        return blocks;
    }

    /** Notification text for clients that do not show blocks (and for screen readers). */
    String fallbackText(WeeklyTip tip) {
        Playbook first = playbooks.get(tip.tips().get(0).language());
        List<String> titles = tip.tips().stream().map(Tip::title).toList();
        return first.label("tip_heading") + ": " + String.join(" / ", titles);
    }

    static Message.Metadata metadata(TipSchedule schedule, String week) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("schedule_id", schedule.id());
        payload.put("week", week);
        return Message.Metadata.builder().eventType(EVENT_TYPE).eventPayload(payload).build();
    }

    static boolean isTipFor(Message message, TipSchedule schedule, String week) {
        Message.Metadata m = message.getMetadata();
        return m != null && EVENT_TYPE.equals(m.getEventType()) && m.getEventPayload() != null
                && schedule.id().equals(String.valueOf(m.getEventPayload().get("schedule_id")))
                && week.equals(String.valueOf(m.getEventPayload().get("week")));
    }

    String pausedNotice(TipSchedule schedule) {
        List<String> lines = new ArrayList<>();
        for (Language l : schedule.language().languages()) {
            lines.add(escape(playbooks.get(l).label("tip_paused_notice")).replace("{channel}", "<#" + schedule.channel() + ">"));
        }
        return String.join("\n", lines);
    }

    /** Slack mrkdwn control characters: &, < and > must be escaped in text. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
