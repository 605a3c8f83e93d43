package dev.partnerbot.core.interpret;

import dev.partnerbot.core.Language;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells the language of a message from the share of its script: Chinese characters against
 * Latin-script words. A Chinese word averages about 1.5 characters, so characters are
 * weighted accordingly before the majority is taken.
 */
public final class LanguageDetector {
    private static final Pattern LATIN_WORD = Pattern.compile("\\p{IsLatin}+");
    private static final double CHARS_PER_CHINESE_WORD = 1.5;

    private LanguageDetector() {
    }

    public static Language detect(String text) {
        int han = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
                han++;
            }
            i += Character.charCount(cp);
        }
        int words = 0;
        Matcher m = LATIN_WORD.matcher(text);
        while (m.find()) {
            words++;
        }
        return han > 0 && han / CHARS_PER_CHINESE_WORD >= words ? Language.ZH : Language.EN;
    }

    /** True when the text holds at least one letter or digit of any script (not only emoji, symbols or markup). */
    public static boolean hasWords(String text) {
        return text.codePoints().anyMatch(Character::isLetterOrDigit);
    }
}
