// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.devices;

import dev.ayo4j.primitive.Primitive;
import java.util.ArrayList;
import java.util.List;

/** The calls a calibration observed, by kind, and the {@link DeviceCosts} fitted to them. Thread-safe. */
final class CostSamples {
    private final List<LinearCost.Sample> prefill = new ArrayList<>();
    private final List<LinearCost.Sample> embed = new ArrayList<>();
    private final List<LinearCost.Sample> ingest = new ArrayList<>();
    private final List<LinearCost.Sample> search = new ArrayList<>();
    private final List<LinearCost.Sample> rerank = new ArrayList<>();
    private final List<LinearCost.Sample> questionOnlyRerank = new ArrayList<>();
    private long textDecodeNanos;
    private long textDecodeTokens;
    private long listDecodeNanos;
    private int listDecodes;
    private boolean sampling = true;

    /** Whether calls from now on are sampled (warm-up calls are not). */
    synchronized void sampling(boolean on) {
        sampling = on;
    }

    synchronized void add(Primitive op, double units, long nanos) {
        List<LinearCost.Sample> to = switch (op) {
            case Primitive.Embed _ -> embed;
            case Primitive.Ingest _ -> ingest;
            case Primitive.VectorSearch _ -> search;
            case Primitive.Rerank _ -> rerank;
            default -> null;
        };
        if (to != null && sampling) {
            to.add(new LinearCost.Sample(units, nanos));
        }
    }

    /** A rerank call that embedded no passage, only its question of {@code chars} characters (a hoisted rerank's). */
    synchronized void addQuestionOnlyRerank(double chars, long nanos) {
        if (sampling) {
            questionOnlyRerank.add(new LinearCost.Sample(chars, nanos));
        }
    }

    synchronized void addPrefill(int uncachedChars, long nanos) {
        if (!sampling) {
            return;
        }
        prefill.add(new LinearCost.Sample(uncachedChars, nanos));
    }

    synchronized void addDecode(boolean list, int tokens, long nanos) {
        if (!sampling) {
            return;
        }
        if (list) {
            listDecodeNanos += nanos;
            listDecodes++;
        } else if (tokens > 0) {
            textDecodeNanos += nanos;
            textDecodeTokens += tokens;
        }
    }

    /** How many calls were observed. */
    synchronized int calls() {
        return prefill.size() + embed.size() + ingest.size() + search.size() + rerank.size()
                + questionOnlyRerank.size();
    }

    synchronized DeviceCosts fit() {
        return new DeviceCosts(LinearCost.fit(prefill),
                textDecodeTokens == 0 ? 0 : (double) textDecodeNanos / textDecodeTokens,
                listDecodes == 0 ? 0 : (double) listDecodeNanos / listDecodes, LinearCost.fit(embed),
                LinearCost.fit(ingest), LinearCost.fit(search), LinearCost.fit(rerank),
                // without question-only samples (no corpus workload) the passage line is all there is
                LinearCost.fit(questionOnlyRerank.isEmpty() ? rerank : questionOnlyRerank));
    }
}
