package dev.partnerbot.core.tips;

import java.util.List;

/**
 * What is posted for one (schedule, week): the same tip in each of the schedule's languages.
 * {@code week} is the ISO week key ("2025-W13"), or {@code "send-now"} for an operator's test post.
 */
public record WeeklyTip(List<Tip> tips, String week, long position) {

    public static final String SEND_NOW = "send-now";

    public WeeklyTip {
        if (tips.isEmpty()) {
            throw new IllegalArgumentException("a weekly tip needs at least one language");
        }
        tips = List.copyOf(tips);
    }

    public String tipId() {
        return tips.get(0).id();
    }
}
