package dev.partnerbot.slack;

import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.auth.AuthTestResponse;
import dev.partnerbot.slack.webapi.WebApi;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Single-workspace authorization in place of Bolt's {@code SingleTeamAuthorization}, which calls
 * {@code auth.test} while the app is built (and throws when Slack cannot be reached) and again on
 * requests. Here the bot token is put on every request's context without a network call; the
 * bot's own user id is learnt once in the background and only used to skip its own events.
 */
final class WorkspaceToken implements Middleware {
    private static final Logger log = LoggerFactory.getLogger(WorkspaceToken.class);

    private final String botToken;
    private final AtomicReference<String> botUserId = new AtomicReference<>();

    WorkspaceToken(String botToken) {
        this.botToken = botToken;
    }

    /** Looks the bot's identity up; failures are logged and leave the bot working. */
    void learnIdentity(MethodsClient client, WebApi webApi) {
        Optional<AuthTestResponse> me = webApi.call("auth.test", WebApi.Repeat.SAFE, () -> client.authTest(r -> r.token(botToken)));
        me.ifPresentOrElse(r -> {
            botUserId.set(r.getUserId());
            log.info("Slack bot user {} in workspace {}", r.getUserId(), r.getTeamId());
        }, () -> log.warn("Slack auth.test failed: the bot runs, but cannot recognise its own user id yet"));
    }

    Optional<String> botUserId() {
        return Optional.ofNullable(botUserId.get());
    }

    @Override
    @SuppressWarnings("rawtypes") // Bolt's Middleware interface declares a raw Request
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        if (req.getContext().getBotToken() == null) {
            req.getContext().setBotToken(botToken);
        }
        String self = botUserId.get();
        if (self != null) {
            req.getContext().setBotUserId(self);
        }
        return chain.next(req);
    }

    @Override
    public String toString() {
        return "WorkspaceToken[bot token ****]";
    }
}
