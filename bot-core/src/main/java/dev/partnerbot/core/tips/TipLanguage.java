package dev.partnerbot.core.tips;

import dev.partnerbot.core.Language;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The language(s) a schedule posts its tips in: English, Chinese, or both in one message. */
public enum TipLanguage {
    EN(List.of(Language.EN)), ZH(List.of(Language.ZH)), BOTH(List.of(Language.EN, Language.ZH));

    private final List<Language> languages;

    TipLanguage(List<Language> languages) {
        this.languages = languages;
    }

    public List<Language> languages() {
        return languages;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TipLanguage> byCode(String code) {
        for (TipLanguage l : values()) {
            if (l.code().equalsIgnoreCase(code)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}
