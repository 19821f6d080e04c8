// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.telemetry;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/** Recorded files of this module's tests. */
final class Fixtures {
    private Fixtures() {
    }

    static Path dir(String name) {
        try {
            return Path.of(Fixtures.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static double value(List<Sample> samples, String metric, String... labels) {
        return samples.stream().filter(s -> s.metric().equals(metric) && matches(s, labels)).mapToDouble(Sample::value)
                .findFirst().orElseThrow(() -> new AssertionError("no sample " + metric + " " + List.of(labels)
                        + " in " + samples.stream().map(Sample::key).toList()));
    }

    private static boolean matches(Sample s, String... labels) {
        for (int i = 0; i < labels.length; i += 2) {
            if (!labels[i + 1].equals(s.label(labels[i]))) {
                return false;
            }
        }
        return true;
    }
}
