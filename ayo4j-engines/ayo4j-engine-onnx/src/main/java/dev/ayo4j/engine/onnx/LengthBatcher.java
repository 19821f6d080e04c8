// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.onnx;

import dev.ayo4j.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Splits inputs of known token lengths into forward passes: sorted by length, each pass grown while
 * {@code items x longest} stays within a padded-token budget.
 *
 * <p>Padding is what costs on a CPU: a pass is as expensive as its item count times its longest
 * member, so a batch that mixes one 500-token text with 31 short ones costs 32 x 500 tokens. Sorting
 * keeps similar lengths together; the budget caps the worst pass.
 */
final class LengthBatcher {
    /** Most items in one pass, however short: beyond that a pass gains nothing on a CPU. */
    static final int MAX_ITEMS = 64;

    private LengthBatcher() {}

    /**
     * Plans passes for inputs of the given lengths.
     *
     * @return the indices into {@code lengths} of each pass, shortest inputs first; every index
     *         appears exactly once
     */
    static List<int[]> plan(int[] lengths, int budget) {
        Checks.argument(budget > 0, "budget must be > 0: %s", budget);
        Integer[] order = IntStream.range(0, lengths.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> lengths[i]).thenComparingInt(i -> i));
        List<int[]> passes = new ArrayList<>();
        int start = 0;
        while (start < order.length) {
            int end = start + 1;
            // Sorted ascending, so the candidate is the pass's longest member.
            while (end < order.length && end - start < MAX_ITEMS
                    && (long) (end - start + 1) * lengths[order[end]] <= budget) {
                end++;
            }
            int[] pass = new int[end - start];
            for (int k = start; k < end; k++) {
                pass[k - start] = order[k];
            }
            passes.add(pass);
            start = end;
        }
        return List.copyOf(passes);
    }
}
