// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.testkit;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The deterministic functions behind {@link TestingEngine}'s outputs, public so that tests can compute
 * expected values: everything is a function of the input text only.
 */
public final class TestingOutputs {
    /** Dimension of the vectors {@link #vector} makes. */
    public static final int DIMENSION = 16;

    private TestingOutputs() {}

    /** 64-bit FNV-1a hash of the UTF-8 bytes of {@code s}, finished with a mixer. */
    public static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    /** A number in [0, 1) from the hash of {@code s}. */
    public static double unit(String s) {
        return (hash(s) >>> 11) * 0x1.0p-53;
    }

    /** Four hex digits from the hash of {@code s}. */
    public static String hex(String s) {
        return String.format("%04x", hash(s) & 0xffff);
    }

    /** A unit vector of {@link #DIMENSION} floats seeded by the hash of {@code text}. */
    public static float[] vector(String text) {
        SplittableRandom r = new SplittableRandom(hash(text));
        float[] v = new float[DIMENSION];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextDouble() * 2 - 1);
            norm += v[i] * v[i];
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }

    /** Dot product of two vectors of equal length. */
    public static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Rough token count: a token per four characters, at least one. */
    public static int tokens(String s) {
        return Math.max(1, s.length() / 4);
    }

    /** The free-text answer generated for {@code prompt}. */
    public static String answer(String prompt) {
        return "answer " + hex(prompt) + " from the context [1].";
    }

    /** The JSON list of {@code n} strings generated for {@code prompt}, e.g. {@code ["q0 3f2a", "q1 09bc"]}. */
    public static String jsonList(String prompt, int n) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append('"').append(item(prompt, i)).append('"');
        }
        return out.append(']').toString();
    }

    /** Item {@code i} of the JSON list generated for {@code prompt}. */
    public static String item(String prompt, int i) {
        return "q" + i + " " + hex(prompt + "#" + i);
    }
}
