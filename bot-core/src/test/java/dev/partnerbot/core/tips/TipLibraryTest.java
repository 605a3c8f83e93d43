package dev.partnerbot.core.tips;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerbot.core.Language;
import java.util.List;
import org.junit.jupiter.api.Test;

class TipLibraryTest {
    private static final TipLibrary LIBRARY = TipLibrary.load();

    @Test
    void holdsAYearOfTipsInEveryLanguage() {
        assertThat(LIBRARY.ids()).hasSizeGreaterThanOrEqualTo(52);
        for (String id : LIBRARY.ids()) {
            assertThat(LIBRARY.tip(id, Language.EN)).isPresent();
            assertThat(LIBRARY.tip(id, Language.ZH)).isPresent();
        }
    }

    @Test
    void bothLanguagesGivesTheSameTipInEnglishThenChinese() {
        List<Tip> tips = LIBRARY.tips("tip-001", TipLanguage.BOTH);
        assertThat(tips).extracting(Tip::language).containsExactly(Language.EN, Language.ZH);
        assertThat(tips).extracting(Tip::id).containsOnly("tip-001");
        assertThat(tips.get(0).principle()).isEqualTo(tips.get(1).principle());
    }
}
