package dev.partnerbot.slack.tips;

import com.slack.api.bolt.App;
import dev.partnerbot.core.Language;
import dev.partnerbot.core.advice.Playbook;
import dev.partnerbot.slack.webapi.WebApi;
import dev.partnerbot.slack.work.Background;
import java.util.function.Function;

/** Registers the modal submission and the list's buttons on the Bolt app (when tips are set up). */
public final class TipsHandlers {
    private TipsHandlers() {
    }

    public static void register(App app, TipsDesk desk, Function<Language, Playbook> playbooks, Background background,
                                WebApi webApi) {
        TipsWording wording = new TipsWording(playbooks);
        app.viewSubmission(TipsModal.CALLBACK_ID, new TipsSubmission(desk, wording, background, webApi));
        app.blockAction(TipsActions.ACTION_IDS, new TipsActions(desk, wording, background, webApi));
    }
}
