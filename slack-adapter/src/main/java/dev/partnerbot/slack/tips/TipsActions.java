package dev.partnerbot.slack.tips;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.block.LayoutBlock;
import dev.partnerbot.core.Language;
import dev.partnerbot.core.tips.DeliveryResult;
import dev.partnerbot.core.tips.TipSchedule;
import dev.partnerbot.core.tips.TipSchedules;
import dev.partnerbot.core.tips.TipSchedules.Actor;
import dev.partnerbot.core.tips.WeeklyTip;
import dev.partnerbot.slack.webapi.WebApi;
import dev.partnerbot.slack.work.Background;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The buttons of the schedule list: pause, resume, cancel, preview, send now. Each acknowledges at
 * once and answers privately through the button's {@code response_url}. The core checks who may
 * change what; these handlers only translate.
 */
final class TipsActions implements BlockActionHandler {
    static final String PAUSE = "tips_pause";
    static final String RESUME = "tips_resume";
    static final String CANCEL = "tips_cancel";
    static final String PREVIEW = "tips_preview";
    static final String SEND_NOW = "tips_send_now";
    static final Pattern ACTION_IDS = Pattern.compile("^tips_(pause|resume|cancel|preview|send_now)$");
    private static final Logger log = LoggerFactory.getLogger(TipsActions.class);

    private final TipsDesk desk;
    private final TipsWording wording;
    private final TipsListing listing;
    private final Background background;
    private final WebApi webApi;

    TipsActions(TipsDesk desk, TipsWording wording, Background background, WebApi webApi) {
        this.desk = desk;
        this.wording = wording;
        this.listing = new TipsListing(wording);
        this.background = background;
        this.webApi = webApi;
    }

    /** What a button's value names: the reader's language and a schedule id. */
    record Target(Language language, String scheduleId) {
        static Optional<Target> decode(String value) {
            if (value == null) {
                return Optional.empty();
            }
            int colon = value.indexOf(':');
            if (colon < 0 || !value.substring(colon + 1).matches("[A-Za-z0-9_-]{1,64}")) {
                return Optional.empty();
            }
            return Language.byCode(value.substring(0, colon)).map(l -> new Target(l, value.substring(colon + 1)));
        }
    }

    @Override
    public Response apply(BlockActionRequest req, ActionContext ctx) {
        BlockActionPayload payload = req.getPayload();
        BlockActionPayload.Action action = payload.getActions().get(0);
        Optional<Target> target = Target.decode(action.getValue());
        String team = payload.getTeam() != null && payload.getTeam().getId() != null ? payload.getTeam().getId() : ctx.getTeamId();
        String user = payload.getUser() == null ? null : payload.getUser().getId();
        String kind = action.getActionId();
        if (target.isEmpty() || team == null || user == null) {
            background.submit(kind, () -> respond(ctx, kind, wording.label(Language.EN, "unknown_request"), List.of()));
            return ctx.ack();
        }
        Actor actor = Actor.chatUser(TipsDesk.PLATFORM, team, user);
        Language language = target.get().language();
        String id = target.get().scheduleId();
        background.submit(kind, () -> {
            log.info("tips {} on schedule {} by {} in {}", kind, id, user, team);
            switch (kind) {
                case PAUSE -> changed(ctx, kind, language, id, desk.schedules().pause(actor, id), "tips_paused");
                case RESUME -> changed(ctx, kind, language, id, desk.schedules().resume(actor, id), "tips_resumed");
                case CANCEL -> changed(ctx, kind, language, id, desk.schedules().cancel(actor, id), "tips_cancelled");
                case PREVIEW -> preview(ctx, language, actor, id);
                default -> sendNow(ctx, language, actor, id);
            }
        });
        return ctx.ack();
    }

    private void changed(ActionContext ctx, String kind, Language language, String id, TipSchedules.Outcome outcome, String doneKey) {
        String text;
        if (outcome instanceof TipSchedules.Outcome.Done done) {
            text = wording.about(language, doneKey, done.schedule());
        } else if (outcome instanceof TipSchedules.Outcome.NotAllowed) {
            text = wording.label(language, "tips_managers_only");
        } else {
            text = wording.about(language, "tips_not_found", "", id);
        }
        respond(ctx, kind, text, List.of());
    }

    private void preview(ActionContext ctx, Language language, Actor actor, String id) {
        Optional<TipSchedule> schedule = desk.schedules().find(actor, id);
        Optional<WeeklyTip> tip = schedule.isEmpty() ? Optional.empty() : desk.schedules().preview(actor, id);
        if (tip.isEmpty()) {
            respond(ctx, PREVIEW, wording.about(language, "tips_not_found", "", id), List.of());
            return;
        }
        respond(ctx, PREVIEW, tip.get().tips().get(0).title(), listing.preview(schedule.get(), tip.get(), language));
    }

    private void sendNow(ActionContext ctx, Language language, Actor actor, String id) {
        Optional<TipSchedule> schedule = desk.schedules().find(actor, id);
        if (schedule.isEmpty()) {
            respond(ctx, SEND_NOW, wording.about(language, "tips_not_found", "", id), List.of());
            return;
        }
        if (!desk.mayManage(actor.team(), actor.user())) {
            respond(ctx, SEND_NOW, wording.label(language, "tips_managers_only"), List.of());
            return;
        }
        DeliveryResult result;
        try {
            result = desk.sender().sendNow(schedule.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = new DeliveryResult.Failed("interrupted", true);
        }
        boolean sent = result instanceof DeliveryResult.Sent;
        log.info("tips send-now for schedule {}: {}", id, result.getClass().getSimpleName());
        respond(ctx, SEND_NOW, wording.about(language, sent ? "tips_sent_now" : "tips_send_failed", schedule.get()), List.of());
    }

    private void respond(ActionContext ctx, String purpose, String text, List<LayoutBlock> blocks) {
        if (ctx.getResponseUrl() == null) {
            log.info("no response_url for {}", purpose);
            return;
        }
        ActionResponse.ActionResponseBuilder response = ActionResponse.builder()
                .responseType("ephemeral").replaceOriginal(false).text(text);
        if (!blocks.isEmpty()) {
            response.blocks(blocks);
        }
        webApi.respond(purpose, () -> ctx.respond(response.build()));
    }
}
