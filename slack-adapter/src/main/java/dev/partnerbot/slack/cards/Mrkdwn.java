package dev.partnerbot.slack.cards;

/** Slack mrkdwn helpers: escaping and Slack's documented text limits. */
public final class Mrkdwn {
    /** Section text limit (Block Kit reference). */
    public static final int SECTION_TEXT_MAX = 3000;
    /** Button label limit (Block Kit reference). */
    public static final int BUTTON_TEXT_MAX = 75;

    private Mrkdwn() {
    }

    /**
     * Escapes the three characters Slack treats as control sequences, so that text quoted from a
     * user (cues) cannot turn into {@code <!channel>} pings or links.
     */
    public static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Cuts text to {@code max} characters (code points kept whole), ending with an ellipsis when cut. */
    public static String clip(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
