package dev.partnerbot.teams;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TeamsTextTest {

    @Test
    void removesMentionsEvenWhenTheNameLooksLikeARegex() {
        assertThat(TeamsText.plain("<at>Partner[Bot] (beta)</at> the client called at 2am"))
                .isEqualTo("the client called at 2am");
    }

    @Test
    void removesHtmlAndDecodesEntities() {
        assertThat(TeamsText.plain("<p>They said &quot;we pay&quot;&nbsp;<b>so obey</b></p>"))
                .isEqualTo("They said \"we pay\" so obey");
    }
}
