package dev.partnerbot.slack.verify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's v0 request signature: {@code v0=hex(HMAC-SHA256(secret, "v0:" + timestamp + ":" + body))}.
 * Unlike Bolt 1.47's {@code SlackSignature.Verifier}, future timestamps are rejected as well as
 * stale ones, and signatures are compared in constant time.
 */
public final class RequestSignature {
    /** Slack's documented replay window, applied in both directions. */
    public static final Duration MAX_SKEW = Duration.ofMinutes(5);
    public static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Slack-Signature";
    private static final String VERSION = "v0";

    private final byte[] key;
    private final Clock clock;

    public RequestSignature(String signingSecret, Clock clock) {
        Objects.requireNonNull(signingSecret, "signing secret");
        if (signingSecret.isBlank()) {
            throw new IllegalArgumentException("the signing secret is blank");
        }
        this.key = signingSecret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /** True only for a well-formed, fresh timestamp and a signature that matches the raw body. */
    public boolean verify(String timestamp, String signature, byte[] body) {
        if (timestamp == null || signature == null || body == null || !isFresh(timestamp)) {
            return false;
        }
        byte[] expected = sign(timestamp, body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.US_ASCII));
    }

    /** The signature Slack would send for this timestamp and body. */
    public String sign(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((VERSION + ":" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return VERSION + "=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private boolean isFresh(String timestamp) {
        String t = timestamp.trim();
        if (t.isEmpty() || t.length() > 12 || !t.chars().allMatch(Character::isDigit)) {
            return false;
        }
        long seconds = Long.parseLong(t);
        long now = clock.instant().getEpochSecond();
        return Math.abs(now - seconds) <= MAX_SKEW.toSeconds();
    }

    @Override
    public String toString() {
        return "RequestSignature[v0, secret=****]";
    }
}
