package dev.partnerbot.slack.tips;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.confirmationDialog;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import dev.partnerbot.core.Language;
import dev.partnerbot.core.tips.ScheduleState;
import dev.partnerbot.core.tips.Tip;
import dev.partnerbot.core.tips.TipSchedule;
import dev.partnerbot.core.tips.TipSchedules;
import dev.partnerbot.core.tips.WeeklyTip;
import dev.partnerbot.slack.cards.Mrkdwn;
import java.util.ArrayList;
import java.util.List;

/**
 * Block Kit for {@code /partner-tips list} and for a tip preview. Managers get pause/resume,
 * preview, send-now and cancel buttons; everybody else sees the schedules and a preview button.
 * Each button's value is {@code <language>:<schedule id>}, never anything a user wrote.
 */
final class TipsListing {
    /** Messages take 50 blocks (Block Kit reference): 2 per schedule plus heading and notes. */
    static final int MAX_SCHEDULES = 20;

    private final TipsWording wording;

    TipsListing(TipsWording wording) {
        this.wording = wording;
    }

    List<LayoutBlock> list(List<TipSchedules.Listed> listed, boolean manager, Language language) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText("*" + Mrkdwn.escape(wording.label(language, "tips_list_heading")) + "*"))));
        if (listed.isEmpty()) {
            blocks.add(section(s -> s.text(markdownText(Mrkdwn.escape(wording.label(language, "tips_list_empty"))))));
            return blocks;
        }
        for (TipSchedules.Listed l : listed.subList(0, Math.min(listed.size(), MAX_SCHEDULES))) {
            TipSchedule s = l.schedule();
            String next = l.nextRun().map(t -> "\n" + Mrkdwn.escape(wording.label(language, "tips_next_run")) + ": "
                    + Mrkdwn.escape(TipsWording.when(t, language))).orElse("");
            String text = TipsWording.channel(s.channel()) + " · " + Mrkdwn.escape(TipsWording.day(s.day(), language)) + " "
                    + s.time() + " (" + Mrkdwn.escape(s.zone().getId()) + ") · " + Mrkdwn.escape(wording.language(s.language(), language))
                    + " · " + Mrkdwn.escape(wording.state(s.state(), language)) + next + "\n`" + Mrkdwn.escape(s.id()) + "`";
            blocks.add(section(x -> x.text(markdownText(Mrkdwn.clip(text, Mrkdwn.SECTION_TEXT_MAX)))));
            blocks.add(actions(a -> a.blockId("tips_" + s.id()).elements(buttons(s, manager, language))));
        }
        if (!manager) {
            blocks.add(context(c -> c.elements(List.<ContextBlockElement>of(
                    markdownText(Mrkdwn.escape(wording.label(language, "tips_list_members_note")))))));
        }
        return blocks;
    }

    private List<BlockElement> buttons(TipSchedule s, boolean manager, Language language) {
        String value = language.code() + ":" + s.id();
        List<BlockElement> buttons = new ArrayList<>();
        if (manager) {
            if (s.state() == ScheduleState.PAUSED) {
                buttons.add(button(b -> b.actionId(TipsActions.RESUME).text(plainText(label(language, "tips_resume"))).value(value)));
            } else {
                buttons.add(button(b -> b.actionId(TipsActions.PAUSE).text(plainText(label(language, "tips_pause"))).value(value)));
            }
        }
        buttons.add(button(b -> b.actionId(TipsActions.PREVIEW).text(plainText(label(language, "tips_preview"))).value(value)));
        if (manager) {
            buttons.add(button(b -> b.actionId(TipsActions.SEND_NOW).text(plainText(label(language, "tips_send_now"))).value(value)));
            buttons.add(button(b -> b.actionId(TipsActions.CANCEL).text(plainText(label(language, "tips_cancel"))).value(value)
                    .style("danger")
                    .confirm(confirmationDialog(c -> c
                            .title(plainText(clip(label(language, "tips_cancel_confirm_title"), 100)))
                            .text(plainText(label(language, "tips_cancel_confirm_text")))
                            .confirm(plainText(label(language, "tips_cancel_confirm_yes")))
                            .deny(plainText(label(language, "tips_cancel_confirm_no")))
                            .style("danger")))));
        }
        return buttons;
    }

    /** The tip a schedule would send next, in each of its languages. */
    List<LayoutBlock> preview(TipSchedule schedule, WeeklyTip tip, Language language) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText("*" + wording.about(language, "tips_preview_heading", schedule) + "*"))));
        for (Tip t : tip.tips()) {
            String text = "*" + Mrkdwn.escape(t.title()) + "*\n" + Mrkdwn.escape(t.body()) + "\n*"
                    + Mrkdwn.escape(wording.label(t.language(), "tip_try_this")) + "*: " + Mrkdwn.escape(t.tryThis());
            blocks.add(divider());
            blocks.add(section(s -> s.text(markdownText(Mrkdwn.clip(text, Mrkdwn.SECTION_TEXT_MAX)))));
            String principle = wording.label(t.language(), "principles") + ": "
                    + wording.playbook(t.language()).principle(t.principle()).name();
            blocks.add(context(c -> c.elements(List.<ContextBlockElement>of(markdownText(Mrkdwn.escape(principle))))));
        }
        return blocks;
    }

    private String label(Language language, String key) {
        return Mrkdwn.clip(wording.label(language, key), Mrkdwn.BUTTON_TEXT_MAX);
    }

    private static String clip(String text, int max) {
        return Mrkdwn.clip(text, max);
    }
}
