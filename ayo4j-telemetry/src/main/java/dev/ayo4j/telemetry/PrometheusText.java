// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.telemetry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reader of the Prometheus text exposition format (version 0.0.4), as engines' {@code /metrics} serve it:
 * {@code # TYPE} lines, then samples {@code name{label="value",...} value [timestamp]} with escaped label
 * values. Families declared {@code counter} give {@link Sample.Type#COUNTER} samples (their {@code _total} and
 * plain-named series); everything else is read as a gauge. {@code _created} series (client creation times)
 * are left out. A line that does not parse is skipped and counted, never fatal: one odd series must not hide
 * the others.
 */
final class PrometheusText {
    /** Samples read and lines skipped. */
    record Parsed(List<Sample> samples, int skipped) {}

    private PrometheusText() {
    }

    static Parsed parse(String text) {
        Map<String, String> types = new HashMap<>();
        List<Sample> out = new ArrayList<>();
        int skipped = 0;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                String[] f = line.split("\\s+");
                if (f.length >= 4 && f[1].equals("TYPE")) {
                    types.put(f[2], f[3]);
                }
                continue;
            }
            try {
                Sample s = sample(line, types);
                if (s != null) {
                    out.add(s);
                }
            } catch (RuntimeException e) {
                skipped++;
            }
        }
        return new Parsed(out, skipped);
    }

    private static Sample sample(String line, Map<String, String> types) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && !Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        String name = line.substring(0, i);
        TreeMap<String, String> labels = new TreeMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i = labels(line, i + 1, labels);
        }
        String[] rest = line.substring(i).strip().split("\\s+");
        double value = switch (rest[0]) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(rest[0]);
        };
        if (name.endsWith("_created")) {
            return null;
        }
        String type = types.get(name);
        if (type == null && name.endsWith("_total")) {
            type = types.get(name.substring(0, name.length() - "_total".length()));
        }
        return new Sample(name, "counter".equals(type) ? Sample.Type.COUNTER : Sample.Type.GAUGE, labels, value);
    }

    /** Reads {@code k="v",...}} from {@code at}; returns the index after the closing brace. */
    private static int labels(String line, int at, TreeMap<String, String> labels) {
        int i = at;
        while (true) {
            while (line.charAt(i) == ' ' || line.charAt(i) == ',') {
                i++;
            }
            if (line.charAt(i) == '}') {
                return i + 1;
            }
            int eq = line.indexOf('=', i);
            String key = line.substring(i, eq).strip();
            i = eq + 1;
            if (line.charAt(i) != '"') {
                throw new IllegalArgumentException("label value not quoted: " + line);
            }
            StringBuilder v = new StringBuilder();
            i++;
            for (char c = line.charAt(i); c != '"'; c = line.charAt(++i)) {
                if (c == '\\') {
                    char n = line.charAt(++i);
                    v.append(n == 'n' ? '\n' : n);
                } else {
                    v.append(c);
                }
            }
            labels.put(key, v.toString());
            i++;
        }
    }
}
