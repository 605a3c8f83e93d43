package dev.partnerbot.slack.tips;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.conversationsSelect;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static com.slack.api.model.block.element.BlockElements.timePicker;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.element.ConversationsFilter;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import com.slack.api.model.view.Views;
import dev.partnerbot.core.Language;
import dev.partnerbot.core.tips.TipLanguage;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The "schedule a weekly tip" modal and what its submission holds. Block ids name the fields, so
 * that validation errors ({@code response_action: errors}) point at the field that is wrong.
 */
final class TipsModal {
    static final String CALLBACK_ID = "partner_tips_schedule";
    static final String CHANNEL = "channel";
    static final String DAY = "day";
    static final String TIME = "time";
    static final String ZONE = "zone";
    static final String LANGUAGE = "language";
    static final LocalTime DEFAULT_TIME = LocalTime.of(9, 0);
    /** Slack's limit for a modal title (Block Kit reference). */
    private static final int TITLE_MAX = 24;

    private final TipsWording wording;

    TipsModal(TipsWording wording) {
        this.wording = wording;
    }

    /** The modal in {@code language}, the time zone field filled with {@code zone}. */
    View view(Language language, ZoneId zone) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(plainText(label(language, "tips_modal_intro")))));
        blocks.add(input(i -> i.blockId(CHANNEL).label(plainText(label(language, "tips_channel")))
                .element(conversationsSelect(c -> c.actionId(CHANNEL)
                        .defaultToCurrentConversation(true)
                        // Gives the submission a response_url for the chosen channel: the confirmation goes there.
                        .responseUrlEnabled(true)
                        .filter(ConversationsFilter.builder().include(List.of("public", "private")).excludeBotUsers(true).build())))));
        List<OptionObject> days = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            days.add(option(plainText(TipsWording.day(d, language)), d.name()));
        }
        blocks.add(input(i -> i.blockId(DAY).label(plainText(label(language, "tips_day")))
                .element(staticSelect(s -> s.actionId(DAY).options(days).initialOption(days.get(0))))));
        blocks.add(input(i -> i.blockId(TIME).label(plainText(label(language, "tips_time")))
                .element(timePicker(t -> t.actionId(TIME).initialTime(DEFAULT_TIME.toString())))));
        blocks.add(input(i -> i.blockId(ZONE).label(plainText(label(language, "tips_zone")))
                .hint(plainText(label(language, "tips_zone_hint")))
                .element(plainTextInput(t -> t.actionId(ZONE).initialValue(zone.getId()).maxLength(64)))));
        List<OptionObject> languages = new ArrayList<>();
        for (TipLanguage l : TipLanguage.values()) {
            languages.add(option(plainText(wording.language(l, language)), l.code()));
        }
        OptionObject initialLanguage = languages.get(language == Language.ZH ? TipLanguage.ZH.ordinal() : TipLanguage.EN.ordinal());
        blocks.add(input(i -> i.blockId(LANGUAGE).label(plainText(label(language, "tips_language")))
                .element(staticSelect(s -> s.actionId(LANGUAGE).options(languages).initialOption(initialLanguage)))));
        return Views.view(v -> v.type("modal").callbackId(CALLBACK_ID)
                .privateMetadata(language.code())
                .title(Views.viewTitle(t -> t.type("plain_text").text(clip(label(language, "tips_modal_title"), TITLE_MAX))))
                .submit(Views.viewSubmit(t -> t.type("plain_text").text(clip(label(language, "tips_modal_submit"), TITLE_MAX))))
                .close(Views.viewClose(t -> t.type("plain_text").text(clip(label(language, "tips_modal_close"), TITLE_MAX))))
                .blocks(blocks));
    }

    /** The language the modal was shown in (kept in {@code private_metadata}). */
    static Language languageOf(View view) {
        return view == null || view.getPrivateMetadata() == null ? Language.EN
                : Language.byCode(view.getPrivateMetadata()).orElse(Language.EN);
    }

    /** A submission as read from the view state; a field is empty when missing or invalid. */
    record Form(Optional<String> channel, Optional<DayOfWeek> day, Optional<LocalTime> time, Optional<ZoneId> zone,
                Optional<TipLanguage> language) {

        /** Error texts by block id, in the reader's language; empty when the form is complete and valid. */
        Map<String, String> errors(TipsWording wording, Language reader) {
            Map<String, String> errors = new LinkedHashMap<>();
            if (channel.isEmpty()) {
                errors.put(CHANNEL, wording.label(reader, "tips_bad_channel"));
            }
            if (day.isEmpty()) {
                errors.put(DAY, wording.label(reader, "tips_bad_day"));
            }
            if (time.isEmpty()) {
                errors.put(TIME, wording.label(reader, "tips_bad_time"));
            }
            if (zone.isEmpty()) {
                errors.put(ZONE, wording.label(reader, "tips_bad_zone"));
            }
            if (language.isEmpty()) {
                errors.put(LANGUAGE, wording.label(reader, "tips_language"));
            }
            return errors;
        }
    }

    static Form read(ViewState state) {
        Map<String, Map<String, ViewState.Value>> values = state == null || state.getValues() == null ? Map.of() : state.getValues();
        Optional<ViewState.Value> channel = value(values, CHANNEL);
        Optional<ViewState.Value> day = value(values, DAY);
        Optional<ViewState.Value> time = value(values, TIME);
        Optional<ViewState.Value> zone = value(values, ZONE);
        Optional<ViewState.Value> language = value(values, LANGUAGE);
        return new Form(
                channel.map(ViewState.Value::getSelectedConversation).filter(c -> c.matches("[CGD][A-Z0-9]+")),
                day.map(TipsModal::selected).flatMap(TipsModal::dayOf),
                time.map(ViewState.Value::getSelectedTime).flatMap(TipsModal::timeOf),
                zone.map(ViewState.Value::getValue).flatMap(TipsModal::zoneOf),
                language.map(TipsModal::selected).flatMap(TipLanguage::byCode));
    }

    /** A region-based IANA zone (Europe/Berlin); offsets such as +02:00 do not follow daylight saving and are refused. */
    static Optional<ZoneId> zoneOf(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String id = text.strip();
        return ZoneId.getAvailableZoneIds().contains(id) ? Optional.of(ZoneId.of(id)) : Optional.empty();
    }

    static Optional<LocalTime> timeOf(String text) {
        if (text == null || !text.strip().matches("\\d{1,2}:\\d{2}")) {
            return Optional.empty();
        }
        String t = text.strip();
        try {
            return Optional.of(LocalTime.parse(t.length() == 4 ? "0" + t : t));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static Optional<DayOfWeek> dayOf(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().toUpperCase(java.util.Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (t.length() >= 3 && d.name().startsWith(t)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    private static String selected(ViewState.Value value) {
        return value.getSelectedOption() == null ? null : value.getSelectedOption().getValue();
    }

    private static Optional<ViewState.Value> value(Map<String, Map<String, ViewState.Value>> values, String id) {
        return Optional.ofNullable(values.get(id)).map(block -> block.get(id));
    }

    private String label(Language language, String key) {
        return wording.label(language, key);
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
