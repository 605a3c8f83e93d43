package dev.partnerbot.core.tips;

import java.util.Map;
import java.util.Set;

/**
 * Who may change tip schedules from a chat platform: the users listed in
 * {@code PARTNERBOT_MANAGERS}, plus the workspace admins and owners where the platform can tell
 * (Slack). On a platform without {@link WorkspaceRoles} only the configured list counts. A failed
 * platform lookup denies. Operators on the command line are trusted and do not pass through here.
 */
public final class ManagerPolicy {
    private final Set<String> configured;
    private final Map<String, WorkspaceRoles> platformRoles;

    public ManagerPolicy(Set<String> configuredManagers, Map<String, WorkspaceRoles> platformRoles) {
        this.configured = Set.copyOf(configuredManagers);
        this.platformRoles = Map.copyOf(platformRoles);
    }

    public boolean mayManage(String platform, String team, String user) {
        if (user == null || user.isBlank()) {
            return false;
        }
        if (configured.contains(user)) {
            return true;
        }
        WorkspaceRoles roles = platformRoles.get(platform);
        if (roles == null) {
            return false;
        }
        try {
            return roles.isAdminOrOwner(team, user);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
