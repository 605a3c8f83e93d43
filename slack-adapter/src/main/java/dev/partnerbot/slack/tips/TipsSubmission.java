package dev.partnerbot.slack.tips;

import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.handler.builtin.ViewSubmissionHandler;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.MethodsClient;
import dev.partnerbot.core.Language;
import dev.partnerbot.core.tips.TipSchedule;
import dev.partnerbot.core.tips.TipSchedules;
import dev.partnerbot.slack.cards.Mrkdwn;
import dev.partnerbot.slack.webapi.WebApi;
import dev.partnerbot.slack.work.Background;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The modal's Submit. A bad time or time zone keeps the modal open with the error under the field
 * ({@code response_action: errors}); a valid form closes it at once, and the schedule is created in
 * the background (the manager rule may need {@code users.info}). The answer, done or "managers only",
 * goes privately to the chosen channel through the submission's {@code response_url}, or as a DM
 * from the app when Slack gave none.
 */
final class TipsSubmission implements ViewSubmissionHandler {
    private static final Logger log = LoggerFactory.getLogger(TipsSubmission.class);

    private final TipsDesk desk;
    private final TipsWording wording;
    private final Background background;
    private final WebApi webApi;

    TipsSubmission(TipsDesk desk, TipsWording wording, Background background, WebApi webApi) {
        this.desk = desk;
        this.wording = wording;
        this.background = background;
        this.webApi = webApi;
    }

    @Override
    public Response apply(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        ViewSubmissionPayload payload = req.getPayload();
        Language language = TipsModal.languageOf(payload.getView());
        TipsModal.Form form = TipsModal.read(payload.getView() == null ? null : payload.getView().getState());
        Map<String, String> errors = form.errors(wording, language);
        if (!errors.isEmpty()) {
            log.info("tips modal submitted with invalid fields {}", errors.keySet());
            return ctx.ackWithErrors(errors);
        }
        String team = payload.getTeam() != null && payload.getTeam().getId() != null ? payload.getTeam().getId() : ctx.getTeamId();
        String user = payload.getUser() == null ? null : payload.getUser().getId();
        if (team == null || user == null) {
            return ctx.ackWithErrors(Map.of(TipsModal.CHANNEL, wording.label(language, "unknown_request")));
        }
        TipSchedules.Request request = new TipSchedules.Request(TipsDesk.PLATFORM, team, form.channel().get(), form.day().get(),
                form.time().get(), form.zone().get(), form.language().get());
        List<ViewSubmissionPayload.ResponseUrl> responseUrls = payload.getResponseUrls() == null ? List.of() : payload.getResponseUrls();
        MethodsClient client = ctx.client();
        background.submit("tips schedule", () -> {
            TipSchedules.Outcome outcome = desk.schedules().schedule(TipSchedules.Actor.chatUser(TipsDesk.PLATFORM, team, user), request);
            String text;
            if (outcome instanceof TipSchedules.Outcome.Done done) {
                log.info("tips schedule {} created by {} in {}", done.schedule().id(), user, team);
                text = scheduled(done.schedule(), language);
            } else if (outcome instanceof TipSchedules.Outcome.NotAllowed) {
                log.info("tips schedule refused: {} in {} is not a manager", user, team);
                text = Mrkdwn.escape(wording.label(language, "tips_managers_only"));
            } else {
                text = Mrkdwn.escape(wording.label(language, "unknown_request"));
            }
            if (!responseUrls.isEmpty()) {
                webApi.respond("tips schedule", () -> ctx.respond(r -> r.responseType("ephemeral").text(text)));
            } else {
                webApi.call("chat.postMessage", WebApi.Repeat.UNSAFE, () -> client.chatPostMessage(r -> r.channel(user).text(text)));
            }
        });
        return ctx.ack();
    }

    private String scheduled(TipSchedule s, Language language) {
        String next = desk.schedules().nextRun(s).map(t -> TipsWording.when(t, language)).orElse("");
        return wording.about(language, "tips_scheduled", s)
                .replace("{day}", Mrkdwn.escape(TipsWording.day(s.day(), language)))
                .replace("{time}", s.time().toString())
                .replace("{zone}", Mrkdwn.escape(s.zone().getId()))
                .replace("{next}", Mrkdwn.escape(next));
    }
}
