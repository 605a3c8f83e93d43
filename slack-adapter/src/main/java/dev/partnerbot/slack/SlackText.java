package dev.partnerbot.slack;

import java.util.regex.Pattern;

/** Turns Slack's message markup into the plain text the core reads. */
public final class SlackText {
    private static final Pattern USER_MENTION = Pattern.compile("<@[UW][A-Z0-9]+(\\|[^>]*)?>");
    private static final Pattern SPECIAL_MENTION = Pattern.compile("<!(here|channel|everyone)(\\|[^>]*)?>|<!subteam\\^[A-Z0-9]+(\\|([^>]*))?>");
    private static final Pattern CHANNEL = Pattern.compile("<#[CG][A-Z0-9]+\\|([^>]*)>|<#[CG][A-Z0-9]+>");
    private static final Pattern LINK_WITH_LABEL = Pattern.compile("<(https?://|mailto:)[^|>]+\\|([^>]+)>");
    private static final Pattern LINK = Pattern.compile("<((?:https?://|mailto:)[^>]+)>");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private SlackText() {
    }

    /**
     * Removes mentions of people and groups, keeps channel names and link labels, and decodes
     * Slack's three HTML entities.
     */
    public static String plain(String markup) {
        if (markup == null) {
            return "";
        }
        String s = USER_MENTION.matcher(markup).replaceAll(" ");
        s = SPECIAL_MENTION.matcher(s).replaceAll(" ");
        s = CHANNEL.matcher(s).replaceAll(m -> m.group(1) == null ? " " : "#" + java.util.regex.Matcher.quoteReplacement(m.group(1)));
        s = LINK_WITH_LABEL.matcher(s).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group(2)));
        s = LINK.matcher(s).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group(1)));
        s = s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        return SPACES.matcher(s).replaceAll(" ").trim();
    }
}
