package dev.partnerbot.core.tips;

/**
 * Port: what a chat platform says about a user's role. Slack answers from {@code users.info}
 * ({@code is_admin}, {@code is_owner}); a platform that cannot tell has no implementation.
 */
@FunctionalInterface
public interface WorkspaceRoles {

    /** True when the platform says the user administers or owns the workspace/tenant. */
    boolean isAdminOrOwner(String team, String user);
}
