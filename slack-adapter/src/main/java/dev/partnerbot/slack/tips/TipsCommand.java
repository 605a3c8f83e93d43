package dev.partnerbot.slack.tips;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.methods.response.views.ViewsOpenResponse;
import com.slack.api.model.view.View;
import dev.partnerbot.core.Language;
import dev.partnerbot.core.advice.Playbook;
import dev.partnerbot.core.tips.TipSchedules;
import dev.partnerbot.slack.SlackText;
import dev.partnerbot.slack.webapi.WebApi;
import dev.partnerbot.slack.work.Background;
import java.io.IOException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /partner-tips}: alone, it opens the "schedule a weekly tip" modal; {@code list} shows the
 * workspace's schedules privately; {@code help} says what it does. Adding {@code zh} (or writing in
 * Chinese) answers in Chinese. Without tips set up on this server it says so politely.
 *
 * <p>Slack accepts a {@code trigger_id} for 3 seconds and once, so {@code views.open} is called in
 * the listener itself, before anything slow; the user's own time zone ({@code users.info} {@code tz})
 * is looked up afterwards and put into the open modal with {@code views.update}.
 */
public final class TipsCommand implements SlashCommandHandler {
    public static final String COMMAND = "/partner-tips";
    private static final Logger log = LoggerFactory.getLogger(TipsCommand.class);

    private final Optional<TipsDesk> desk;
    private final TipsWording wording;
    private final TipsModal modal;
    private final TipsListing listing;
    private final Background background;
    private final WebApi webApi;

    public TipsCommand(Optional<TipsDesk> desk, Function<Language, Playbook> playbooks, Background background, WebApi webApi) {
        this.desk = desk;
        this.wording = new TipsWording(playbooks);
        this.modal = new TipsModal(wording);
        this.listing = new TipsListing(wording);
        this.background = background;
        this.webApi = webApi;
    }

    @Override
    public Response apply(SlashCommandRequest req, SlashCommandContext ctx) {
        SlashCommandPayload payload = req.getPayload();
        String text = SlackText.plain(payload.getText()).strip();
        Language language = languageOf(text);
        if (desk.isEmpty()) {
            return ctx.ack(wording.label(language, "tips_not_set_up"));
        }
        String team = payload.getTeamId() != null ? payload.getTeamId() : ctx.getTeamId();
        String user = payload.getUserId();
        List<String> words = List.of(text.toLowerCase(Locale.ROOT).split("\\s+"));
        if (words.contains("list") || words.contains("列表")) {
            return list(ctx, language, team, user);
        }
        if (words.contains("help") || words.contains("帮助")) {
            return ctx.ack(wording.label(language, "tips_help"));
        }
        return openModal(ctx, payload.getTriggerId(), language, user);
    }

    private Response openModal(SlashCommandContext ctx, String triggerId, Language language, String user) {
        ZoneId fallback = desk.get().defaultZone();
        MethodsClient client = ctx.client();
        Optional<ViewsOpenResponse> opened = open(client, triggerId, modal.view(language, fallback));
        if (opened.isEmpty()) {
            return ctx.ack(wording.label(language, "busy"));
        }
        String viewId = opened.get().getView() == null ? null : opened.get().getView().getId();
        String hash = opened.get().getView() == null ? null : opened.get().getView().getHash();
        if (viewId != null && user != null) {
            background.submit("tips modal zone", () -> userZone(client, user)
                    .filter(zone -> !zone.equals(fallback))
                    .ifPresent(zone -> webApi.call("views.update", WebApi.Repeat.SAFE, () -> client.viewsUpdate(r -> r
                            // The hash makes Slack refuse the update if the view changed in the meantime.
                            .viewId(viewId).hash(hash).view(modal.view(language, zone))))));
        }
        return ctx.ack();
    }

    /** One attempt, no retry: the trigger is valid for 3 seconds and only once. */
    private static Optional<ViewsOpenResponse> open(MethodsClient client, String triggerId, View view) {
        if (triggerId == null || triggerId.isBlank()) {
            log.info("/partner-tips without a trigger_id; no modal");
            return Optional.empty();
        }
        try {
            ViewsOpenResponse response = client.viewsOpen(r -> r.triggerId(triggerId).view(view));
            if (!response.isOk()) {
                log.warn("Slack views.open failed: {}", response.getError());
                return Optional.empty();
            }
            return Optional.of(response);
        } catch (IOException | SlackApiException e) {
            log.warn("Slack views.open failed ({})", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private Optional<ZoneId> userZone(MethodsClient client, String user) {
        return webApi.call("users.info", WebApi.Repeat.SAFE, () -> client.usersInfo(r -> r.user(user)))
                .map(UsersInfoResponse::getUser)
                .map(u -> u.getTz())
                .flatMap(TipsModal::zoneOf);
    }

    private Response list(SlashCommandContext ctx, Language language, String team, String user) {
        boolean queued = background.submit("/partner-tips list", () -> {
            TipSchedules.Actor actor = TipSchedules.Actor.chatUser(TipsDesk.PLATFORM, team, user);
            List<TipSchedules.Listed> listed = desk.get().schedules().list(actor, Optional.empty());
            boolean manager = desk.get().mayManage(team, user);
            webApi.respond("/partner-tips list", () -> ctx.respond(SlashCommandResponse.builder()
                    .responseType("ephemeral")
                    .text(wording.label(language, "tips_list_heading"))
                    .blocks(listing.list(listed, manager, language)).build()));
        });
        return queued ? ctx.ack() : ctx.ack(wording.label(language, "busy"));
    }

    static Language languageOf(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.matches("(^|.*\\s)zh(\\s.*|$)") || t.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
            return Language.ZH;
        }
        return Language.EN;
    }
}
