// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.encoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ayo4j.bench.sim.Workloads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Real texts for the encoder benchmark, drawn from a seed.
 *
 * <ul>
 *   <li>{@link #scifact}: the skewed mix from SciFact — 80 % claims (queries, ~20 tokens), 15 % chunks of the
 *       first one to three sentences of an abstract, 5 % whole abstracts (cut at the window by the model);</li>
 *   <li>{@link #twitterShaped}: lengths from {@link Workloads#twitterLike()} (median 21, P98 72, tail to
 *       512), each text cut from abstract words to about that many tokens (1.3 tokens per word);</li>
 *   <li>{@link #synthetic}: the fallback without the data set, {@link Workloads#skewed()} lengths of
 *       generated words.</li>
 * </ul>
 *
 * @param name   label
 * @param claims short texts
 * @param chunks medium texts
 * @param whole  long texts
 * @param source where the texts came from
 */
record TextMix(String name, List<String> claims, List<String> chunks, List<String> whole, String source) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The SciFact mix from {@code dir} ({@code corpus.jsonl}, {@code queries.jsonl}), or null if absent. */
    static TextMix scifact(Path dir) {
        Path corpus = dir.resolve("corpus.jsonl");
        Path queries = dir.resolve("queries.jsonl");
        if (!Files.isReadable(corpus) || !Files.isReadable(queries)) {
            return null;
        }
        List<String> claims = texts(queries);
        List<String> whole = texts(corpus);
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < whole.size(); i++) {
            String[] sentences = whole.get(i).split("(?<=\\.) ");
            StringBuilder sb = new StringBuilder();
            for (int s = 0; s < Math.min(sentences.length, 1 + i % 3); s++) {
                sb.append(s > 0 ? " " : "").append(sentences[s]);
            }
            chunks.add(sb.toString());
        }
        return new TextMix("scifact", claims, chunks, whole, dir.toString());
    }

    /** Texts of the {@link Workloads#twitterLike()} lengths cut from {@code words} of real prose. */
    static List<String> twitterShaped(List<String> prose, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Workloads.LengthMix mix = Workloads.twitterLike();
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int tokens = mix.sample(random, 0);
            int words = Math.max(1, (int) Math.round((tokens - 2) / 1.3));
            List<String> w = new ArrayList<>(words);
            while (w.size() < words) {
                String[] src = prose.get(random.nextInt(prose.size())).split("\\s+");
                for (int k = random.nextInt(Math.max(1, src.length - 1)); k < src.length && w.size() < words; k++) {
                    w.add(src[k]);
                }
            }
            out.add(String.join(" ", w));
        }
        return out;
    }

    /** The fallback mix: generated words at {@link Workloads#skewed()} lengths. */
    static List<String> synthetic(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Workloads.LengthMix mix = Workloads.skewed();
        String[] vocab = {"cell", "protein", "gene", "the", "of", "patients", "increased", "risk", "study", "and"};
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int words = Math.max(1, (int) Math.round((mix.sample(random, 0) - 2) / 1.1));
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < words; k++) {
                sb.append(k > 0 ? " " : "").append(vocab[random.nextInt(vocab.length)]);
            }
            out.add(sb.toString());
        }
        return out;
    }

    /** {@code count} texts of the skewed mix. */
    List<String> sample(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double u = random.nextDouble();
            List<String> from = u < 0.80 ? claims : u < 0.95 ? chunks : whole;
            out.add(from.get(random.nextInt(from.size())));
        }
        return out;
    }

    private static List<String> texts(Path jsonl) {
        try (var lines = Files.lines(jsonl)) {
            return lines.filter(l -> !l.isBlank()).map(l -> {
                try {
                    JsonNode n = JSON.readTree(l);
                    return n.path("text").asText();
                } catch (IOException e) {
                    throw new UncheckedIOException("bad line in " + jsonl, e);
                }
            }).filter(t -> !t.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jsonl, e);
        }
    }
}
