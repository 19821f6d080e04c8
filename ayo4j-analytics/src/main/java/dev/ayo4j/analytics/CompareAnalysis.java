// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.analytics;

import dev.ayo4j.analytics.Bootstrap.Interval;
import dev.ayo4j.analytics.CompareReport.AppDelta;
import dev.ayo4j.analytics.CompareReport.PrimitiveDelta;
import dev.ayo4j.analytics.Database.Row;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * {@code analyze compare A B}: two trace directories (or two systems of one) side by side. Aggregates come from
 * the SQL files; the bootstrap resamples at most {@link #SAMPLE} ok runs per side (a reservoir sample taken by
 * DuckDB), so memory stays bounded however many runs there are.
 */
public final class CompareAnalysis {
    /** Most ok runs per side the bootstrap resamples. */
    public static final int SAMPLE = 20_000;
    private static final long SEED = 20_231_116L;

    private CompareAnalysis() {}

    /**
     * Compares {@code a} and {@code b}; {@code systemA}/{@code systemB} keep one system label of a side (empty:
     * all).
     */
    public static CompareReport analyze(Database db, Path a, String systemA, Path b, String systemB,
                                        int resamples) {
        Objects.requireNonNull(systemA, "systemA");
        Objects.requireNonNull(systemB, "systemB");
        TraceSet setA = TraceSet.open(db, a, "a_");
        TraceSet setB = TraceSet.open(db, b, "b_");
        List<Skip> skips = new ArrayList<>();
        setA.skips().forEach(s -> skips.add(new Skip("A " + s.what(), s.reason())));
        setB.skips().forEach(s -> skips.add(new Skip("B " + s.what(), s.reason())));
        String labelA = a + " (system " + (systemA.isEmpty() ? systems(db, "a_runs") : systemA) + ")";
        String labelB = b + " (system " + (systemB.isEmpty() ? systems(db, "b_runs") : systemB) + ")";

        Map<String, Long> appsA = new LinkedHashMap<>();
        Map<String, Long> appsB = new LinkedHashMap<>();
        for (Row r : db.rows(Sql.file("compare_apps_by_side").bind("system_a", systemA).bind("system_b", systemB))) {
            (r.str("side").equals("A") ? appsA : appsB).put(r.str("app"), r.lng("runs"));
        }
        if (appsA.isEmpty()) {
            throw new InvalidInputException("side A has no runs" + (systemA.isEmpty() ? "" : " of system "
                    + systemA) + ": " + labelA);
        }
        if (appsB.isEmpty()) {
            throw new InvalidInputException("side B has no runs" + (systemB.isEmpty() ? "" : " of system "
                    + systemB) + ": " + labelB);
        }
        List<String> onlyA = appsA.keySet().stream().filter(k -> !appsB.containsKey(k)).toList();
        List<String> onlyB = appsB.keySet().stream().filter(k -> !appsA.containsKey(k)).toList();
        if (onlyA.size() == appsA.size()) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "the two trace sets have no app in common: A ran %s (%,d runs), B ran %s (%,d runs)",
                    appsA.keySet(), appsA.values().stream().mapToLong(Long::longValue).sum(), appsB.keySet(),
                    appsB.values().stream().mapToLong(Long::longValue).sum()));
        }
        for (String statement : Sql.file("compare_views").bind("system_a", systemA).bind("system_b", systemB)
                .text().split(";\\s*\\n")) {
            if (!statement.isBlank()) {
                db.execute(statement);
            }
        }
        // DuckDB's reservoir sample keeps the bootstrap's memory bounded; Spark would use TABLESAMPLE here.
        db.execute("CREATE OR REPLACE TEMPORARY TABLE sampled_runs AS "
                + "SELECT * FROM (SELECT side, run_id, system FROM runs WHERE outcome = 'ok' AND side = 'A') "
                + "USING SAMPLE reservoir(" + SAMPLE + " ROWS) REPEATABLE (7) UNION ALL "
                + "SELECT * FROM (SELECT side, run_id, system FROM runs WHERE outcome = 'ok' AND side = 'B') "
                + "USING SAMPLE reservoir(" + SAMPLE + " ROWS) REPEATABLE (7)");

        // Per sampled run: app, e2e, and time per primitive kind.
        TreeSet<String> kinds = new TreeSet<>();
        Map<String, Map<String, double[]>> runsBySide = Map.of("A", new LinkedHashMap<>(), "B", new LinkedHashMap<>());
        Map<String, String> appOfRun = new LinkedHashMap<>();
        List<Row> rows = db.rows(Sql.file("compare_run_times"));
        for (Row r : rows) {
            if (r.str("primitive") != null) {
                kinds.add(r.str("primitive"));
            }
        }
        List<String> kindList = new ArrayList<>(kinds);
        for (Row r : rows) {
            String key = r.str("side") + "\u0000" + r.str("run_id");
            double[] v = runsBySide.get(r.str("side")).computeIfAbsent(key, _ -> {
                double[] row = new double[1 + kindList.size()];
                row[0] = r.dbl("e2e_ms");
                return row;
            });
            appOfRun.put(key, r.str("app"));
            if (r.str("primitive") != null) {
                v[1 + kindList.indexOf(r.str("primitive"))] += r.dbl("ms");
            }
        }

        List<AppDelta> apps = new ArrayList<>();
        Map<String, Row> sideA = new LinkedHashMap<>();
        Map<String, Row> sideB = new LinkedHashMap<>();
        for (Row r : db.rows(Sql.file("compare_apps"))) {
            (r.str("side").equals("A") ? sideA : sideB).put(r.str("app"), r);
        }
        for (String app : sideA.keySet()) {
            Row ra = sideA.get(app);
            Row rb = sideB.get(app);
            double[] ea = e2e(runsBySide.get("A"), appOfRun, app);
            double[] eb = e2e(runsBySide.get("B"), appOfRun, app);
            Interval diff = ea.length == 0 || eb.length == 0 ? null
                    : Bootstrap.meanDifference(ea, eb, resamples, SEED + app.hashCode());
            apps.add(new AppDelta(app, ra.lng("runs"), rb.lng("runs"), ra.lng("ok"), rb.lng("ok"),
                    ra.dbl("mean_e2e_ms"), rb.dbl("mean_e2e_ms"), ra.dbl("p50_e2e_ms"), rb.dbl("p50_e2e_ms"),
                    ra.dbl("p90_e2e_ms"), rb.dbl("p90_e2e_ms"), diff));
        }

        long runsA = sideA.values().stream().mapToLong(r -> r.lng("runs")).sum();
        long runsB = sideB.values().stream().mapToLong(r -> r.lng("runs")).sum();
        Map<String, double[]> perKind = new LinkedHashMap<>();
        for (Row r : db.rows(Sql.file("compare_primitives"))) {
            double[] v = perKind.computeIfAbsent(r.str("primitive"), _ -> new double[4]);
            boolean isA = r.str("side").equals("A");
            long n = Math.max(1, isA ? runsA : runsB);
            v[isA ? 0 : 2] = r.dbl("queue_ms") / n;
            v[isA ? 1 : 3] = r.dbl("service_ms") / n;
        }
        double[][] matA = runsBySide.get("A").values().toArray(double[][]::new);
        double[][] matB = runsBySide.get("B").values().toArray(double[][]::new);
        Interval[] intervals = matA.length == 0 || matB.length == 0 ? null
                : Bootstrap.meanDifferences(matA, matB, 1 + kindList.size(), resamples, SEED);
        List<PrimitiveDelta> primitives = new ArrayList<>();
        for (Map.Entry<String, double[]> e : perKind.entrySet()) {
            int k = kindList.indexOf(e.getKey());
            double[] v = e.getValue();
            primitives.add(new PrimitiveDelta(e.getKey(), v[0], v[1], v[2], v[3],
                    intervals == null || k < 0 ? null : intervals[1 + k]));
        }
        primitives.sort(Comparator.comparingDouble((PrimitiveDelta p) ->
                -Math.abs(p.queueB() + p.serviceB() - p.queueA() - p.serviceA())));

        double[] qa = new double[CompareReport.QUANTILES.length];
        double[] qb = new double[CompareReport.QUANTILES.length];
        java.util.Arrays.fill(qa, Double.NaN);
        java.util.Arrays.fill(qb, Double.NaN);
        String[] cols = {"q05", "q10", "q25", "q50", "q75", "q90", "q95", "q99"};
        for (Row r : db.rows(Sql.file("compare_quantiles"))) {
            double[] target = r.str("side").equals("A") ? qa : qb;
            for (int i = 0; i < cols.length; i++) {
                target[i] = r.dbl(cols[i]);
            }
        }
        CompareReport partial = new CompareReport(labelA, labelB, skips, onlyA, onlyB, apps, primitives, qa, qb,
                matA.length, matB.length, List.of());
        return new CompareReport(labelA, labelB, skips, onlyA, onlyB, apps, primitives, qa, qb, matA.length,
                matB.length, conclusions(partial, intervals == null ? null : intervals[0]));
    }

    /** The system labels of a side's runs, for its label. */
    private static String systems(Database db, String view) {
        return String.join(", ", db.rows("SELECT DISTINCT system FROM " + view + " ORDER BY system").stream()
                .map(r -> String.valueOf(r.str("system"))).toList());
    }

    private static double[] e2e(Map<String, double[]> runs, Map<String, String> appOfRun, String app) {
        return runs.entrySet().stream().filter(e -> app.equals(appOfRun.get(e.getKey())))
                .mapToDouble(e -> e.getValue()[0]).toArray();
    }

    private static List<Recommendation> conclusions(CompareReport r, Interval pooled) {
        List<Recommendation> out = new ArrayList<>();
        for (AppDelta a : r.apps()) {
            if (a.difference() == null) {
                out.add(new Recommendation(String.format(Locale.ROOT,
                        "%s: one side has no ok run, so there is nothing to compare.", a.app()), CompareReport.FIG_APPS));
                continue;
            }
            Interval d = a.difference();
            double rel = d.estimate() / a.meanA();
            String verdict = d.excludesZero()
                    ? String.format(Locale.ROOT, "B is %s than A by %s ms per query (%.0f %%); the %.0f %% bootstrap "
                            + "interval [%s, %s] ms excludes zero, so the difference is larger than run-to-run noise.",
                            d.estimate() < 0 ? "faster" : "slower", Format.ms(Math.abs(d.estimate())),
                            100 * Math.abs(rel), 100 * Bootstrap.LEVEL, Format.ms(d.low()), Format.ms(d.high()))
                    : String.format(Locale.ROOT, "the mean differs by %s ms (%.0f %%), but the %.0f %% bootstrap "
                            + "interval [%s, %s] ms includes zero: within run-to-run noise at %,d and %,d runs.",
                            Format.ms(d.estimate()), 100 * rel, 100 * Bootstrap.LEVEL, Format.ms(d.low()),
                            Format.ms(d.high()), a.okA(), a.okB());
            out.add(new Recommendation(a.app() + ": " + verdict, CompareReport.FIG_APPS));
        }
        if (!r.primitives().isEmpty() && pooled != null) {
            List<String> changes = new ArrayList<>();
            for (PrimitiveDelta p : r.primitives()) {
                double delta = p.queueB() + p.serviceB() - p.queueA() - p.serviceA();
                boolean real = p.difference() == null || p.difference().excludesZero();
                if (changes.size() < 3 && real && Math.abs(delta) >= 0.01 * Math.abs(pooled.estimate())
                        && Math.abs(delta) > 0.005) {
                    changes.add(String.format(Locale.ROOT, "%s %s ms (queueing %s, service %s)", p.primitive(),
                            signed(delta), signed(p.queueB() - p.queueA()), signed(p.serviceB() - p.serviceA())));
                }
            }
            out.add(new Recommendation(changes.isEmpty()
                    ? String.format(Locale.ROOT, "No primitive kind's time per query changed beyond run-to-run noise; "
                            + "e2e changed by %s ms per query.", signed(pooled.estimate()))
                    : String.format(Locale.ROOT, "Where it comes from, per query and beyond run-to-run noise: %s. "
                            + "Across the common apps e2e changed by %s ms per query; primitives overlap in time, so "
                            + "their changes need not add up to it.", String.join("; ", changes),
                            signed(pooled.estimate())), CompareReport.FIG_PRIMITIVES));
        }
        if (!r.onlyA().isEmpty() || !r.onlyB().isEmpty()) {
            out.add(new Recommendation(String.format(Locale.ROOT,
                    "Left out, as only one side ran them: %s%s.", r.onlyA().isEmpty() ? "" : "A: " + r.onlyA(),
                    r.onlyB().isEmpty() ? "" : (r.onlyA().isEmpty() ? "" : "; ") + "B: " + r.onlyB()),
                    CompareReport.FIG_APPS));
        }
        return out;
    }

    private static String signed(double v) {
        return (v > 0 ? "+" : "") + Format.ms(v);
    }
}
