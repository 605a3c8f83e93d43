package dev.partnerbot.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.jakarta_servlet.ServletAdapterOps;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import dev.partnerbot.slack.verify.RequestSignature;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Request URL for events, slash commands, interactivity and shortcuts ({@code POST /slack/events}).
 * Unlike Bolt's {@code SlackAppServlet} it reads the raw bytes (no line-ending rewriting, explicit
 * UTF-8, bounded size) and checks the signature <em>before</em> Bolt parses anything: a forged or
 * stale request gets 401 whatever its body, and a signed body Bolt cannot parse gets 400, not 500.
 */
public final class SlackEndpointServlet extends HttpServlet {
    /** Far above any Slack payload; anything larger is refused before it is read whole. */
    static final int MAX_BODY_BYTES = 1 << 20;
    private static final Logger log = LoggerFactory.getLogger(SlackEndpointServlet.class);

    private final transient App app;
    private final transient Optional<RequestSignature> signature;
    private final transient SlackRequestParser parser;

    SlackEndpointServlet(App app, Optional<RequestSignature> signature) {
        this.app = app;
        this.signature = signature;
        this.parser = new SlackRequestParser(app.config());
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (req.getContentLengthLong() > MAX_BODY_BYTES) {
            write(resp, 413, "{\"error\":\"request too large\"}");
            return;
        }
        byte[] body = readBody(req);
        if (body == null) {
            write(resp, 413, "{\"error\":\"request too large\"}");
            return;
        }
        String timestamp = req.getHeader(RequestSignature.TIMESTAMP_HEADER);
        String sig = req.getHeader(RequestSignature.SIGNATURE_HEADER);
        if (signature.isEmpty() || !signature.get().verify(timestamp, sig, body)) {
            log.info("rejected a Slack request: missing, invalid or expired signature");
            write(resp, 401, "{\"error\":\"invalid request\"}");
            return;
        }
        String callback = PlatformCallbacks.answer(body, req.getContentType());
        if (callback != null) {
            write(resp, 200, callback);
            return;
        }
        Request<?> slackRequest;
        try {
            slackRequest = BoltRequests.parse(parser, req, new String(body, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            // Exception messages may quote the body: log the kind only.
            log.info("rejected a signed Slack request that could not be parsed ({})", e.getClass().getSimpleName());
            write(resp, 400, "{\"error\":\"malformed request\"}");
            return;
        }
        if (slackRequest == null) {
            log.info("rejected a signed Slack request of no known kind");
            write(resp, 400, "{\"error\":\"unknown request\"}");
            return;
        }
        Response slackResponse;
        try {
            slackResponse = app.run(slackRequest);
        } catch (Exception e) {
            log.warn("Slack {} request failed in its listener ({})", slackRequest.getRequestType(), e.getClass().getName());
            write(resp, 400, "{\"error\":\"request could not be handled\"}");
            return;
        }
        ServletAdapterOps.writeResponse(resp, slackResponse);
    }

    private static byte[] readBody(HttpServletRequest req) throws IOException {
        try (InputStream in = req.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            return bytes.length > MAX_BODY_BYTES ? null : bytes;
        }
    }

    private static void write(HttpServletResponse resp, int status, String json) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json; charset=utf-8");
        resp.getWriter().write(json);
    }
}
