// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli.model;

import dev.ayo4j.cli.Json;
import dev.ayo4j.models.CachedModel;
import dev.ayo4j.models.GgufCheck;
import dev.ayo4j.models.InvalidModelException;
import dev.ayo4j.models.ModelCache;
import dev.ayo4j.models.ProgressBar;
import dev.ayo4j.models.PullRecord;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ayo4j model list}: the files in the model cache, with their kind, size and architecture. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the model cache: pulled, partially downloaded and synthetic GGUF files.")
final class ModelListCommand extends ModelCacheCommand {
    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        ModelCache cache = cache();
        PrintWriter out = output();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (CachedModel model : cache.list()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("kind", model.kind().name().toLowerCase(java.util.Locale.ROOT));
            row.put("name", model.name());
            row.put("bytes", model.bytes());
            row.put("path", model.path().toString());
            row.put("architecture", architecture(model));
            cache.pullRecord(model).ifPresent(r -> source(row, r));
            rows.add(row);
        }
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("cache", cache.root().toString());
            document.put("models", rows);
            out.println(Json.text(document));
            return 0;
        }
        out.println("model cache: " + cache.root());
        if (rows.isEmpty()) {
            out.println("  (empty) 'ayo4j model pull REPO FILE' downloads a model; 'ayo4j model synth' writes one");
            return 0;
        }
        out.printf("  %-9s %10s  %-12s %s%n", "KIND", "SIZE", "ARCH", "NAME");
        for (Map<String, Object> row : rows) {
            out.printf("  %-9s %10s  %-12s %s%n", row.get("kind"), ProgressBar.formatBytes((Long) row.get("bytes")),
                    row.get("architecture"), row.get("name"));
        }
        return 0;
    }

    private static String architecture(CachedModel model) {
        if (model.kind() == CachedModel.Kind.PARTIAL) {
            return "-";
        }
        try {
            return GgufCheck.inspect(model.path()).architecture();
        } catch (InvalidModelException e) {
            return "invalid";
        }
    }

    private static void source(Map<String, Object> row, PullRecord record) {
        row.put("revision", record.revision());
        row.put("url", record.url());
        if (record.sha256() != null) {
            row.put("sha256", record.sha256());
        }
    }
}
