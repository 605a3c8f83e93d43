package dev.partnerbot.slack.home;

import dev.partnerbot.core.Language;
import java.util.Optional;

/**
 * What the app adds to the App Home beyond usage and principles: this week's tip, and for managers
 * the channel tip schedules. Supplied by the application (the tips feature); the default shows
 * nothing extra. Texts are Slack mrkdwn and are shown as they are.
 */
public interface HomeExtras {
    HomeExtras NONE = new HomeExtras() {
    };

    /** This week's tip for the workspace, if any. */
    default Optional<String> weeklyTip(String teamId, Language language) {
        return Optional.empty();
    }

    /** The tip schedules a manager may see and change; empty for everybody else. */
    default Optional<String> managerSchedule(String teamId, String userId, Language language) {
        return Optional.empty();
    }
}
