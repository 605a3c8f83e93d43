package dev.partnerbot.slack.tips;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.slack.api.Slack;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.users.UsersInfoResponse;
import dev.partnerbot.core.tips.WorkspaceRoles;
import dev.partnerbot.slack.webapi.SlackClients;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Slack's answer to "is this user a workspace admin or owner?" from {@code users.info}
 * ({@code is_admin}, {@code is_owner}), cached for a few minutes. A failed lookup throws, which
 * {@link dev.partnerbot.core.tips.ManagerPolicy} treats as "no".
 */
public final class SlackWorkspaceRoles implements WorkspaceRoles {
    private final Slack slack;
    private final Function<String, Optional<String>> tokenForTeam;
    private final Cache<String, Boolean> cache = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(5)).maximumSize(10_000).build();

    public SlackWorkspaceRoles(URI apiUrl, Function<String, Optional<String>> tokenForTeam) {
        this.slack = Slack.getInstance(SlackClients.config(apiUrl));
        this.tokenForTeam = tokenForTeam;
    }

    @Override
    public boolean isAdminOrOwner(String team, String user) {
        return cache.get(team + "/" + user, key -> lookUp(team, user));
    }

    private boolean lookUp(String team, String user) {
        String token = tokenForTeam.apply(team).orElseThrow(() -> new IllegalStateException("no bot token for " + team));
        try {
            UsersInfoResponse info = slack.methods(token).usersInfo(r -> r.user(user));
            if (!info.isOk() || info.getUser() == null) {
                throw new IllegalStateException("users.info failed: " + info.getError());
            }
            return info.getUser().isAdmin() || info.getUser().isOwner() || info.getUser().isPrimaryOwner();
        } catch (SlackApiException | IOException e) {
            throw new IllegalStateException("users.info failed: " + e.getClass().getSimpleName(), e);
        }
    }
}
