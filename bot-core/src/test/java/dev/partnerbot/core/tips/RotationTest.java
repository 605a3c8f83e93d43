package dev.partnerbot.core.tips;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RotationTest {
    private static final TipLibrary LIBRARY = TipLibrary.load();

    @Test
    void sixtyWeeksOfOneChannelNeverRepeatATip() {
        Rotation rotation = LIBRARY.rotationFor("ts-channel-a");
        List<String> sent = LongStream.range(0, 60).mapToObj(rotation::tipAt).toList();
        assertThat(sent).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(LIBRARY.ids());
    }

    @Test
    void everyPassThroughTheLibraryIsComplete_andNoTipRepeatsAcrossThePassBoundary() {
        List<String> ids = IntStream.rangeClosed(1, 5).mapToObj(i -> "t" + i).toList();
        for (int s = 0; s < 200; s++) {
            Rotation rotation = new Rotation(ids, "schedule-" + s);
            for (int pass = 0; pass < 6; pass++) {
                List<String> order = new ArrayList<>();
                for (int i = 0; i < ids.size(); i++) {
                    order.add(rotation.tipAt((long) pass * ids.size() + i));
                }
                assertThat(order).containsExactlyInAnyOrderElementsOf(ids);
                if (pass > 0) {
                    assertThat(order.get(0)).isNotEqualTo(rotation.tipAt((long) pass * ids.size() - 1));
                }
            }
        }
    }

    @Test
    void orderIsDeterministicPerScheduleAndDiffersBetweenSchedules() {
        List<String> a1 = LongStream.range(0, 10).mapToObj(LIBRARY.rotationFor("ts-a")::tipAt).toList();
        List<String> a2 = LongStream.range(0, 10).mapToObj(LIBRARY.rotationFor("ts-a")::tipAt).toList();
        List<String> b = LongStream.range(0, 10).mapToObj(LIBRARY.rotationFor("ts-b")::tipAt).toList();
        assertThat(a1).isEqualTo(a2);
        assertThat(b).isNotEqualTo(a1);
    }
}
