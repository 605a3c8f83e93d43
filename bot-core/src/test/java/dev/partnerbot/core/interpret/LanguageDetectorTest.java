package dev.partnerbot.core.interpret;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerbot.core.Language;
import org.junit.jupiter.api.Test;

class LanguageDetectorTest {

    @Test
    void mixedMessageIsAnsweredInItsMajorityLanguage() {
        assertThat(LanguageDetector.detect("客户又改brief了")).isEqualTo(Language.ZH);
        assertThat(LanguageDetector.detect("The client changed the brief again, 无语")).isEqualTo(Language.EN);
        assertThat(LanguageDetector.detect("deadline 是明天早上九点，客户说必须交")).isEqualTo(Language.ZH);
    }

    @Test
    void emojiAndMarkupHaveNoWords() {
        assertThat(LanguageDetector.hasWords("😡🙄 !!! <> ***")).isFalse();
        assertThat(LanguageDetector.hasWords("ok")).isTrue();
        assertThat(LanguageDetector.hasWords("好")).isTrue();
    }
}
