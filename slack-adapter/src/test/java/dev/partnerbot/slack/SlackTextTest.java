package dev.partnerbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlackTextTest {

    @Test
    void removesBotAndUserMentions() {
        assertThat(SlackText.plain("<@U0LAN0Z89> the client said <@W123|ann> is slow"))
                .isEqualTo("the client said is slow");
    }

    @Test
    void keepsLinkLabelsAndChannelNamesAndDecodesEntities() {
        assertThat(SlackText.plain("see <https://x.test/brief|the brief> in <#C024BE7LR|general> &lt;3 &amp; more"))
                .isEqualTo("see the brief in #general <3 & more");
    }

    @Test
    void mentionOnlyBecomesEmpty() {
        assertThat(SlackText.plain("<@U0LAN0Z89> <!here>")).isEmpty();
    }
}
