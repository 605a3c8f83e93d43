package dev.partnerbot.core.interpret;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DecisionTest {
    private static final double[] THRESHOLDS = {0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.5};

    private static double[] probabilities(double oos, double... behaviours) {
        double[] p = new double[ReaderModel.CLASSES];
        System.arraycopy(behaviours, 0, p, 0, behaviours.length);
        p[ReaderModel.OUT_OF_SCOPE] = oos;
        return p;
    }

    @Test
    void outOfScopeWinsOverWeakerBehaviours() {
        assertThat(Decision.behaviours(probabilities(0.9, 0.45), THRESHOLDS)).isEmpty();
    }

    @Test
    void keepsSeveralBehavioursMostProbableFirst() {
        assertThat(Decision.behaviours(probabilities(0.1, 0.6, 0.9, 0.0, 0.7), THRESHOLDS)).containsExactly(1, 3, 0);
    }

    @Test
    void dropsAFurtherBehaviourUnderSixtyPercentOfTheTopOne() {
        // 0.5 passes its threshold but is under 0.6 x 0.9: a weak extra reading next to a strong one.
        assertThat(Decision.behaviours(probabilities(0.1, 0.5, 0.9, 0.0, 0.7), THRESHOLDS)).containsExactly(1, 3);
    }

    @Test
    void dropsBehavioursFarBelowTheTopOne() {
        assertThat(Decision.behaviours(probabilities(0.1, 0.41, 0.95), THRESHOLDS)).containsExactly(1);
    }

    @Test
    void takesTheBestBehaviourBelowItsThresholdWhenItBeatsOutOfScope() {
        double[] thresholds = THRESHOLDS.clone();
        thresholds[2] = 0.6;
        assertThat(Decision.behaviours(probabilities(0.2, 0, 0, 0.5), thresholds)).containsExactly(2);
        // under the fallback floor (0.25): not about a client after all
        assertThat(Decision.behaviours(probabilities(0.2, 0.1, 0.2, 0.24), THRESHOLDS)).isEmpty();
        // over the floor but not beating out-of-scope
        assertThat(Decision.behaviours(probabilities(0.35, 0.1, 0.2, 0.3), THRESHOLDS)).isEmpty();
    }

    @Test
    void closeRunnerUpMakesASingleReadingAmbiguous() {
        double[] p = probabilities(0.1, 0.55, 0.45);
        double[] thresholds = THRESHOLDS.clone();
        thresholds[1] = 0.5;
        var seen = Decision.behaviours(p, thresholds);
        assertThat(seen).containsExactly(0);
        assertThat(Decision.ambiguousWith(p, seen)).isEqualTo(1);
        assertThat(Decision.ambiguousWith(probabilities(0.1, 0.9, 0.45), Decision.behaviours(probabilities(0.1, 0.9, 0.45), thresholds))).isEqualTo(-1);
    }
}
