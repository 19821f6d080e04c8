// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.analytics;

import dev.ayo4j.Checks;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of the SQL files in {@code dev/ayo4j/analytics/sql/}, with its {@code ${name}} parameters bound. The files
 * are written in the SQL that both DuckDB and Spark SQL accept (see docs/analytics.md); parameters are numbers
 * or quoted string literals, substituted as text so that the same file runs on either engine.
 */
public final class Sql {
    private static final Pattern PARAM = Pattern.compile("\\$\\{([a-z_]+)}");
    private final String name;
    private final String template;
    private final Map<String, String> params = new LinkedHashMap<>();

    private Sql(String name, String template) {
        this.name = name;
        this.template = template;
    }

    /** The file {@code sql/<name>.sql}. */
    public static Sql file(String name) {
        Objects.requireNonNull(name, "name");
        String resource = "sql/" + name + ".sql";
        try (InputStream in = Sql.class.getResourceAsStream(resource)) {
            Checks.argument(in != null, "no SQL file %s", resource);
            return new Sql(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Binds a number. */
    public Sql bind(String param, double value) {
        Checks.argument(Double.isFinite(value), "parameter %s of %s must be finite: %s", param, name, value);
        params.put(param, value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value) : String.format(Locale.ROOT, "%s", value));
        return this;
    }

    /** Binds a string, as a quoted literal. */
    public Sql bind(String param, String value) {
        params.put(param, Database.literal(value));
        return this;
    }

    /** The file's name, without {@code .sql}. */
    public String name() {
        return name;
    }

    /** The text with every parameter bound; an unbound parameter is an error. */
    public String text() {
        Matcher m = PARAM.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = params.get(m.group(1));
            Checks.argument(value != null, "parameter %s of SQL file %s is not bound", m.group(1), name);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
