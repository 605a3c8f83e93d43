package dev.partnerbot.slack.cards;

import java.util.regex.Pattern;

/** The {@code action_id}s of the card's buttons, and the patterns listeners register. */
public final class ActionIds {
    public static final String ANOTHER_DRAFT = "another_draft";
    public static final String WARMER = "warmer";
    public static final String FIRMER = "firmer";
    /** One button per draft: {@code post_draft_<tone>_<index>}, unique within a card. */
    public static final String POST_DRAFT_PREFIX = "post_draft_";
    public static final String FEEDBACK_HELPFUL = "feedback_helpful";
    public static final String FEEDBACK_NOT_HELPFUL = "feedback_not_helpful";

    public static final Pattern REDRAFT = Pattern.compile("^(another_draft|warmer|firmer)$");
    public static final Pattern POST_DRAFT = Pattern.compile("^post_draft_[a-z]+_\\d{1,2}$");
    public static final Pattern FEEDBACK = Pattern.compile("^feedback_(helpful|not_helpful)$");

    private ActionIds() {
    }
}
