// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The analytics reports a server lists and serves: the HTML files directly in one folder (where {@code ayo4j
 * analyze runs DIR} writes {@code runs-report.html}), read when asked for, so that a report written after
 * the server started shows at once. Names are plain file names; anything else is refused before the file
 * system is touched.
 */
final class Reports {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,200}\\.html");

    /** One report. */
    record Report(String name, long bytes, Instant modified) {}

    private final @Nullable Path dir;

    Reports(@Nullable Path dir) {
        this.dir = dir == null ? null : dir.toAbsolutePath().normalize();
    }

    /** The folder served; null when none. */
    @Nullable Path dir() {
        return dir;
    }

    /** The reports, newest first; none when no folder is served or it does not exist yet. */
    List<Report> list() {
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        List<Report> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                if (NAME.matcher(name).matches() && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.add(new Report(name, Files.size(p), Files.getLastModifiedTime(p).toInstant()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(Comparator.comparing(Report::modified).reversed().thenComparing(Report::name));
        return out;
    }

    /** The report called {@code name}; a 404 naming why when there is none. */
    byte[] read(String name) {
        if (dir == null) {
            throw ApiException.notFound("report_not_found", "name", "this server serves no reports; start it with "
                    + "--reports DIR");
        }
        if (!NAME.matcher(name).matches()) {
            throw ApiException.notFound("report_not_found", "name", "no report '" + Names.abbreviate(name)
                    + "': a report is an .html file directly in the reports folder");
        }
        Path p = dir.resolve(name);
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            throw ApiException.notFound("report_not_found", "name", "no report '" + name + "' in the reports folder");
        }
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
