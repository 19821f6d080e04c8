// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.app;

import dev.ayo4j.GraphValidationException;
import dev.ayo4j.primitive.ValueKind;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** Checks of one module's bindings against the values defined before it. */
final class AppChecks {
    private AppChecks() {}

    static ValueKind definedKind(Module m) {
        return switch (m) {
            case Module.Index _ -> ValueKind.SIGNAL;
            case Module.ExpandQuery _ -> ValueKind.TEXT_LIST;
            case Module.Search _, Module.Rerank _ -> ValueKind.PASSAGE_LIST;
            case Module.Generate _ -> ValueKind.TEXT;
            case Module.Step s -> s.kind();
        };
    }

    static void check(String app, Module m, Map<String, ValueKind> values) {
        switch (m) {
            case Module.Index i -> need(app, m, "passages", i.passages(), values, Set.of(ValueKind.PASSAGE_LIST));
            case Module.ExpandQuery q -> need(app, m, "question", q.question(), values, Set.of(ValueKind.TEXT));
            case Module.Search s -> {
                need(app, m, "queries", s.queries(), values, Set.of(ValueKind.TEXT, ValueKind.TEXT_LIST));
                need(app, m, "index", s.index(), values, Set.of(ValueKind.SIGNAL));
            }
            case Module.Rerank r -> {
                need(app, m, "query", r.query(), values, Set.of(ValueKind.TEXT));
                need(app, m, "passages", r.passages(), values, Set.of(ValueKind.PASSAGE_LIST));
            }
            case Module.Generate g -> {
                for (String p : g.template().placeholders()) {
                    if (!values.containsKey(p)) {
                        throw new GraphValidationException(String.format(
                                "app %s: unknown placeholder {{%s}} in the template of module %s; known values: %s",
                                app, p, m.name(), values.keySet()));
                    }
                    need(app, m, "{{" + p + "}}", p, values, Set.of(ValueKind.TEXT, ValueKind.PASSAGE_LIST));
                }
            }
            case Module.Step s -> {
                for (String v : s.inputs()) {
                    need(app, m, "an input of step '" + s.step() + "'", v, values, EnumSet.allOf(ValueKind.class));
                }
            }
        }
    }

    private static void need(String app, Module m, String role, String value, Map<String, ValueKind> values,
                             Set<ValueKind> accepted) {
        ValueKind kind = values.get(value);
        if (kind == null) {
            throw new GraphValidationException(String.format(
                    "app %s: module %s reads %s from '%s', which is not defined before it; defined: %s",
                    app, m.name(), role, value, values.keySet()));
        }
        if (!accepted.contains(kind)) {
            throw new GraphValidationException(String.format(
                    "app %s: module %s reads %s from '%s' of kind %s; it takes %s",
                    app, m.name(), role, value, kind, accepted));
        }
    }
}
