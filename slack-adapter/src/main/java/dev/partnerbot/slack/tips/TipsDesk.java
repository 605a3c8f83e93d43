package dev.partnerbot.slack.tips;

import dev.partnerbot.core.tips.ManagerPolicy;
import dev.partnerbot.core.tips.TipSchedules;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What {@code /partner-tips} works with: the core's schedule operations (manager rule and workspace
 * isolation enforced there), the manager rule itself (to show buttons only to those who may use
 * them), "send now", and the zone a new schedule starts with when Slack does not tell the user's.
 */
public record TipsDesk(TipSchedules schedules, ManagerPolicy managers, TipSender sender, ZoneId defaultZone) {
    public static final String PLATFORM = "slack";

    public TipsDesk {
        Objects.requireNonNull(schedules, "schedules");
        Objects.requireNonNull(managers, "managers");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(defaultZone, "defaultZone");
    }

    boolean mayManage(String team, String user) {
        return managers.mayManage(PLATFORM, team, user);
    }
}
