package dev.partnerbot.slack.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RequestSignatureTest {
    // Slack's published example ("Verifying requests from Slack"), also in platform-notes.md.
    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String TIMESTAMP = "1531420618";
    private static final String BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
            + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
            + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
            + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private static final String EXPECTED = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private static RequestSignature at(long epochSecond) {
        return new RequestSignature(SECRET, Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }

    private static byte[] body() {
        return BODY.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void verifiesSlacksDocumentedExample() {
        assertThat(at(1531420618).sign(TIMESTAMP, body())).isEqualTo(EXPECTED);
        assertThat(at(1531420618 + 60).verify(TIMESTAMP, EXPECTED, body())).isTrue();
    }

    @Test
    void rejectsRequestWithStaleTimestamp() {
        assertThat(at(1531420618 + 301).verify(TIMESTAMP, EXPECTED, body())).isFalse();
    }

    @Test
    void rejectsRequestWithFutureTimestamp() {
        assertThat(at(1531420618 - 301).verify(TIMESTAMP, EXPECTED, body())).isFalse();
    }

    @Test
    void acceptsTimestampsAtTheEdgeOfTheWindow() {
        assertThat(at(1531420618 + 300).verify(TIMESTAMP, EXPECTED, body())).isTrue();
        assertThat(at(1531420618 - 300).verify(TIMESTAMP, EXPECTED, body())).isTrue();
    }

    @Test
    void rejectsTamperedBody() {
        byte[] tampered = BODY.replace("roadrunner", "coyote").getBytes(StandardCharsets.UTF_8);
        assertThat(at(1531420618).verify(TIMESTAMP, EXPECTED, tampered)).isFalse();
    }

    @Test
    void rejectsSignatureMadeWithAnotherSecret() {
        String forged = new RequestSignature("another-secret", Clock.systemUTC()).sign(TIMESTAMP, body());
        assertThat(at(1531420618).verify(TIMESTAMP, forged, body())).isFalse();
    }

    @Test
    void rejectsMissingOrMalformedHeaders() {
        RequestSignature s = at(1531420618);
        assertThat(s.verify(null, EXPECTED, body())).isFalse();
        assertThat(s.verify(TIMESTAMP, null, body())).isFalse();
        assertThat(s.verify("", EXPECTED, body())).isFalse();
        assertThat(s.verify("1531420618.5", EXPECTED, body())).isFalse();
        assertThat(s.verify("-1531420618", EXPECTED, body())).isFalse();
        assertThat(s.verify(TIMESTAMP, EXPECTED.toUpperCase(), body())).isFalse();
        assertThat(s.verify(TIMESTAMP, "v1=" + EXPECTED.substring(3), body())).isFalse();
    }

    @Test
    void neverShowsTheSecret() {
        assertThat(at(0).toString()).doesNotContain(SECRET);
    }
}
