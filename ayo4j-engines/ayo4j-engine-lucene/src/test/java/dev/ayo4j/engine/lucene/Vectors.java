// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.lucene;

import dev.ayo4j.spi.Passage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded unit vectors for the store tests: uniform, or clustered like real embeddings. */
final class Vectors {
    private Vectors() {}

    static float[] unit(float[] v) {
        double n = 0;
        for (float x : v) {
            n += (double) x * x;
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (v[i] / Math.sqrt(n));
        }
        return v;
    }

    static float[] random(Random r, int dim) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return unit(v);
    }

    /** {@code n} random unit vectors of {@code dim} dimensions, drawn one after another from {@code r}. */
    static List<float[]> uniform(Random r, int n, int dim) {
        List<float[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(random(r, dim));
        }
        return List.copyOf(out);
    }

    /** {@code n} vectors around {@code centres} random centres, with noise of scale {@code noise}. */
    static List<float[]> clustered(Random r, int n, int dim, int centres, double noise) {
        List<float[]> c = new ArrayList<>();
        for (int i = 0; i < centres; i++) {
            c.add(random(r, dim));
        }
        List<float[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] base = c.get(r.nextInt(centres));
            float[] v = new float[dim];
            for (int d = 0; d < dim; d++) {
                v[d] = (float) (base[d] + noise * r.nextGaussian());
            }
            out.add(unit(v));
        }
        return out;
    }

    static List<Passage> passages(String prefix, int n) {
        List<Passage> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Passage(prefix + i, "text of " + prefix + i, 0, "doc-" + prefix));
        }
        return out;
    }
}
