package dev.partnerbot.core.interpret;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Splits a message into clauses, the candidate cues that explain a reading. */
final class Clauses {
    private static final Pattern SPLIT = Pattern.compile(
            "(?<=[.!?;:。！？；：…\\n])\\s*|\\s*[,，、]\\s*|\\s+(?=(?:but|and then|so|because|while|although)\\s)|(?=但是|可是|不过|结果|而且|然后)");
    private static final int MIN_CHARS = 8;
    static final int MAX_CLAUSES = 4;

    private Clauses() {
    }

    static List<String> of(String text) {
        List<String> parts = new ArrayList<>();
        for (String p : SPLIT.split(text)) {
            String t = p.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (!parts.isEmpty() && (t.length() < MIN_CHARS || parts.get(parts.size() - 1).length() < MIN_CHARS)) {
                parts.set(parts.size() - 1, parts.get(parts.size() - 1) + joiner(t) + t);
            } else {
                parts.add(t);
            }
        }
        if (parts.size() > MAX_CLAUSES) {
            return parts.subList(0, MAX_CLAUSES);
        }
        return parts;
    }

    private static String joiner(String next) {
        return next.codePoints().limit(1).anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)
                ? "" : " ";
    }
}
