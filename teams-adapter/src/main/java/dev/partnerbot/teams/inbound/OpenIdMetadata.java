package dev.partnerbot.teams.inbound;

import com.microsoft.bot.connector.authentication.ChannelValidation;
import java.net.URI;

/**
 * Where inbound token signing keys are discovered ({@code BOTFRAMEWORK_OPENID_METADATA_URL}).
 * The SDK keeps this in a static, JVM-wide field of {@link ChannelValidation} and caches the keys
 * per URL for a day, so it is set once per JVM; a second, different URL is refused rather than
 * silently redirecting the authentication of a running adapter.
 */
public final class OpenIdMetadata {
    private static URI configured;

    private OpenIdMetadata() {
    }

    public static synchronized void use(URI url) {
        if (configured != null && !configured.equals(url)) {
            throw new IllegalStateException("the Bot Framework OpenID metadata URL is already set to " + configured
                    + " in this JVM; it cannot change to " + url);
        }
        configured = url;
        ChannelValidation.setOpenIdMetaDataUrl(url.toString());
    }
}
