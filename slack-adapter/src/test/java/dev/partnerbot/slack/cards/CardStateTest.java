package dev.partnerbot.slack.cards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerbot.core.Behaviour;
import dev.partnerbot.core.Language;
import dev.partnerbot.core.Tone;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CardStateTest {

    @Test
    void roundTripsThroughAButtonValue() {
        CardState state = new CardState(Language.ZH, List.of(Behaviour.SCOPE_CREEP, Behaviour.BLAME), 42L, 3,
                Optional.of(Tone.FIRM), 1, "1700000000.000100");

        assertThat(CardState.decode(state.encode())).contains(state);
    }

    @Test
    void carriesTheRankedSituationCardsSoARedraftContinuesWithoutTheText() {
        CardState state = new CardState(Language.EN, List.of(Behaviour.PAYMENT_PRESSURE), 7L, 0, Optional.empty(), -1, null,
                List.of("payment_pressure/fee_cut_next_period", "payment_pressure/overdue_invoice"));

        assertThat(CardState.decode(state.encode())).contains(state);
        assertThat(CardState.decode("{\"l\":\"en\",\"b\":[\"blame\"],\"s\":1,\"r\":0,\"c\":[\"<script>\"]}")).isEmpty();
    }

    @Test
    void rejectsValuesThatAreNotOurs() {
        assertThat(CardState.decode("not json")).isEmpty();
        assertThat(CardState.decode("{\"l\":\"fr\",\"b\":[\"blame\"],\"s\":1,\"r\":0}")).isEmpty();
        assertThat(CardState.decode("{\"l\":\"en\",\"b\":[\"rudeness\"],\"s\":1,\"r\":0}")).isEmpty();
        assertThat(CardState.decode("{\"l\":\"en\",\"b\":[],\"s\":1,\"r\":0}")).isEmpty();
        assertThat(CardState.decode("{\"l\":\"en\",\"b\":[\"blame\"],\"s\":1,\"r\":-1}")).isEmpty();
        assertThat(CardState.decode(null)).isEmpty();
    }
}
