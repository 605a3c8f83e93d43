package dev.partnerbot.teams;

import java.util.regex.Pattern;

/**
 * Turns the text of a Teams message into the plain text the core reads. Mentions arrive as
 * {@code <at>Name</at>} inside the text; they are removed here rather than through the SDK's
 * {@code removeRecipientMention()}, which treats the bot's name as a regular expression.
 */
public final class TeamsText {
    private static final Pattern AT = Pattern.compile("<at>.*?</at>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("<[^>]+>");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private TeamsText() {
    }

    public static String plain(String text) {
        if (text == null) {
            return "";
        }
        String s = AT.matcher(text).replaceAll(" ");
        s = TAG.matcher(s).replaceAll(" ");
        s = s.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
        return SPACES.matcher(s).replaceAll(" ").trim();
    }
}
