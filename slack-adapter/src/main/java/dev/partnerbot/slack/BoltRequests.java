package dev.partnerbot.slack;

import com.slack.api.bolt.jakarta_servlet.ServletAdapterOps;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.util.QueryStringParser;
import com.slack.api.bolt.util.SlackRequestParser;
import jakarta.servlet.http.HttpServletRequest;

/** Turns a servlet request whose body was already read into Bolt's request, for the adapter's servlets. */
public final class BoltRequests {
    private BoltRequests() {
    }

    /**
     * Bolt's reading of the request, or null when it is of no kind Bolt knows.
     *
     * @throws RuntimeException when the body cannot be parsed (its message may quote the body: never log it)
     */
    public static Request<?> parse(SlackRequestParser parser, HttpServletRequest req, String body) {
        return parser.parse(SlackRequestParser.HttpRequest.builder()
                .requestUri(req.getRequestURI())
                .queryString(QueryStringParser.toMap(req.getQueryString()))
                .headers(new RequestHeaders(ServletAdapterOps.toHeaderMap(req)))
                .requestBody(body)
                .remoteAddress(req.getRemoteAddr())
                .build());
    }
}
