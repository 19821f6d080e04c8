// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LengthBatcherTest {

    @Test
    void coversEveryIndexOnceShortestFirst() {
        int[] lengths = {300, 12, 40, 12, 500, 25};
        List<int[]> passes = LengthBatcher.plan(lengths, 1024);
        int[] flat = passes.stream().flatMapToInt(Arrays::stream).toArray();
        assertThat(flat).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
        assertThat(Arrays.stream(flat).map(i -> lengths[i]).toArray()).isSorted();
    }

    @Test
    void keepsEveryPassWithinThePaddedBudget() {
        int[] lengths = {30, 30, 30, 30, 200, 200, 200, 200, 200, 600};
        for (int[] pass : LengthBatcher.plan(lengths, 1024)) {
            int longest = Arrays.stream(pass).map(i -> lengths[i]).max().orElseThrow();
            assertThat(pass.length == 1 || pass.length * longest <= 1024)
                    .as("pass %s", Arrays.toString(pass)).isTrue();
        }
    }

    @Test
    void runsATextLongerThanTheBudgetAlone() {
        List<int[]> passes = LengthBatcher.plan(new int[] {10, 2000, 10}, 1024);
        assertThat(passes).hasSize(2);
        assertThat(passes.get(1)).containsExactly(1);
    }

    @Test
    void capsItemsPerPass() {
        int[] lengths = IntStream.generate(() -> 2).limit(200).toArray();
        assertThat(LengthBatcher.plan(lengths, 100_000)).allSatisfy(p -> assertThat(p.length)
                .isLessThanOrEqualTo(LengthBatcher.MAX_ITEMS));
    }
}
