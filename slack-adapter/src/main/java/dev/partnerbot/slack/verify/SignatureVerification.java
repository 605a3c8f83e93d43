package dev.partnerbot.slack.verify;

import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.response.Response;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces Bolt's {@code RequestVerification} middleware with {@link RequestSignature}: a request
 * that is not signed, badly signed, stale or dated in the future gets 401 and reaches no listener.
 * Socket Mode requests arrive over an authenticated WebSocket and carry no signature.
 */
public final class SignatureVerification implements Middleware {
    private static final Logger log = LoggerFactory.getLogger(SignatureVerification.class);

    private final RequestSignature signature;

    public SignatureVerification(RequestSignature signature) {
        this.signature = signature;
    }

    /** Without a signing secret (Socket Mode only), every HTTP request is refused. */
    public static SignatureVerification rejectingHttp() {
        return new SignatureVerification(null);
    }

    @Override
    @SuppressWarnings("rawtypes") // Bolt's Middleware interface declares a raw Request
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        if (req.isSocketMode() || isOAuthFlow(req.getRequestType())) {
            return chain.next(req);
        }
        if (signature == null) {
            return Response.json(401, "{\"error\":\"invalid request\"}");
        }
        String body = req.getRequestBodyAsString() == null ? "" : req.getRequestBodyAsString();
        boolean valid = signature.verify(
                req.getHeaders().getFirstValue(RequestSignature.TIMESTAMP_HEADER),
                req.getHeaders().getFirstValue(RequestSignature.SIGNATURE_HEADER),
                body.getBytes(StandardCharsets.UTF_8));
        if (!valid) {
            log.info("rejected a Slack request with a missing, invalid or expired signature (type {})", req.getRequestType());
            return Response.json(401, "{\"error\":\"invalid request\"}");
        }
        return chain.next(req);
    }

    private static boolean isOAuthFlow(RequestType type) {
        // The install redirect comes from the user's browser, not from Slack: it is never signed.
        return type == RequestType.OAuthStart || type == RequestType.OAuthCallback;
    }
}
