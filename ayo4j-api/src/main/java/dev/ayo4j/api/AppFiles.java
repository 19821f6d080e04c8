// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.api;

import dev.ayo4j.GraphValidationException;
import dev.ayo4j.app.App;
import dev.ayo4j.app.Apps;
import dev.ayo4j.app.ContextOrder;
import dev.ayo4j.app.EngineBinding;
import dev.ayo4j.app.Module;
import dev.ayo4j.app.Role;
import dev.ayo4j.primitive.PromptTemplate;
import dev.ayo4j.primitive.ValueKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Reads an app file: YAML describing an app's inputs, its modules in chain order with their templates
 * and sizes, named options the modules refer to as {@code $name}, its collection and its engine
 * bindings. The built-in apps ship in this format.
 *
 * <pre>
 * app: my-rag
 * collection: guide              # default: the app's name
 * options: {searchK: 20}         # referred to as $searchK; callers may override them
 * inputs:
 *   question: text               # text, texts, passages or signal
 * engines: {llm: big}            # role bindings for the whole app (optional)
 * modules:
 *   - search: {queries: question, k: $searchK, into: candidates}
 *   - rerank: {query: question, passages: candidates, k: 3, into: context}
 *   - generate:
 *       template: "Answer from the context.\nQuestion: {{question}}\nContext:\n{{context}}\nAnswer:"
 *       maxTokens: 128
 *       into: answer
 *       engines: {llm: small}    # a per-module override
 * outputs: [answer, context]
 * </pre>
 *
 * Modules: {@code index} (passages, into), {@code expand} (question, n, into), {@code search} (queries,
 * k, into, and index: the signal of an index module; without it the search reads the collection as
 * ingested beforehand), {@code rerank} (query, passages, k, into, order: score|arrival), {@code generate}
 * (template, maxTokens, into), {@code step} (function: a name registered with
 * {@link Ayo4j.Builder#step}, inputs: the values it reads, kind: what it returns, into). Each may have a
 * {@code name} (default: its kind). Everything is checked
 * before anything runs; each error names the file, line and field.
 */
public final class AppFiles {
    private static final Set<String> TOP = Set.of("app", "collection", "options", "inputs", "engines", "modules",
            "outputs");

    private AppFiles() {}

    /** Whether {@code nameOrFile} names an app file (it ends in {@code .yaml} or {@code .yml}) rather than an app. */
    public static boolean isAppFile(String nameOrFile) {
        return nameOrFile.endsWith(".yaml") || nameOrFile.endsWith(".yml");
    }

    /** The app of the file at {@code file} with its default options. */
    public static App load(Path file) {
        return load(file, Map.of());
    }

    /** The app of the file at {@code file}, with the options in {@code overrides} replacing the file's. */
    public static App load(Path file, Map<String, String> overrides) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigFileException(file.toString(), 0, "", "cannot read the app file: " + e.getMessage());
        }
        return parse(file.toString(), text, overrides);
    }

    /** The app of {@code text}, read as the file called {@code file}. */
    public static App parse(String file, String text, Map<String, String> overrides) {
        YamlTree.MapNode root = YamlTree.parse(file, text);
        root.allowOnly(TOP);
        String name = root.text("app").strip();
        Map<String, YamlTree.Scalar> options = new LinkedHashMap<>();
        YamlTree.Node optionsNode = root.get("options");
        if (optionsNode != null) {
            YamlTree.map(optionsNode).fields().forEach((k, v) -> options.put(k, YamlTree.scalar(v)));
        }
        for (var o : overrides.entrySet()) {
            YamlTree.Scalar declared = options.get(o.getKey());
            if (declared == null) {
                throw new ConfigFileException(file, optionsNode == null ? 0 : optionsNode.line(), "options",
                        "no option '" + o.getKey() + "' to override; options: " + options.keySet());
            }
            options.put(o.getKey(), new YamlTree.Scalar(file, declared.line(), declared.path(), o.getValue()));
        }
        Reader r = new Reader(file, options);

        App.Builder b = App.builder(name);
        String collection = root.text("collection", "").strip();
        if (!collection.isEmpty()) {
            b.collection(collection);
        }
        Map<String, ValueKind> defined = new LinkedHashMap<>();
        YamlTree.MapNode inputs = YamlTree.map(root.required("inputs"));
        inputs.fields().forEach((k, v) -> {
            ValueKind kind = kind(YamlTree.scalar(v));
            b.input(k, kind);
            defined.put(k, kind);
        });
        EngineBinding binding = EngineBinding.DEFAULT;
        YamlTree.Node enginesNode = root.get("engines");
        if (enginesNode != null) {
            binding = bindAll(binding, YamlTree.map(enginesNode), null);
        }
        Map<String, YamlTree.MapNode> moduleNodes = new LinkedHashMap<>();
        YamlTree.ListNode modules = YamlTree.list(root.required("modules"));
        for (YamlTree.Node item : modules.items()) {
            YamlTree.MapNode wrapper = YamlTree.map(item);
            if (wrapper.fields().size() != 1) {
                throw wrapper.error("a module is one of index, expand, search, rerank, generate, written "
                        + "'- kind: {fields}'; found %s", wrapper.fields().keySet());
            }
            var entry = wrapper.fields().entrySet().iterator().next();
            YamlTree.MapNode m = YamlTree.map(entry.getValue());
            String kind = entry.getKey();
            String moduleName = m.text("name", kind).strip();
            if (moduleNodes.containsKey(moduleName)) {
                throw m.error("two modules are called '%s': give one a name", moduleName);
            }
            moduleNodes.put(moduleName, m);
            Module module = switch (kind) {
                case "index" -> {
                    m.allowOnly(Set.of("name", "passages", "into", "engines"));
                    yield new Module.Index(moduleName, r.ref(m, "passages", defined), m.text("into"));
                }
                case "expand" -> {
                    m.allowOnly(Set.of("name", "question", "n", "into", "engines"));
                    yield r.check(m, "n", () -> new Module.ExpandQuery(moduleName, r.ref(m, "question", defined),
                            r.integer(m, "n"), m.text("into")));
                }
                case "search" -> {
                    m.allowOnly(Set.of("name", "queries", "index", "k", "into", "engines"));
                    String index;
                    if (m.get("index") != null) {
                        index = r.ref(m, "index", defined);
                    } else {
                        // Reads the collection as ingested beforehand: its readiness is an implicit input.
                        index = Apps.INDEX.name();
                        if (!defined.containsKey(Apps.INDEX.name())) {
                            b.input(Apps.INDEX.name(), ValueKind.SIGNAL);
                            defined.put(Apps.INDEX.name(), ValueKind.SIGNAL);
                        }
                    }
                    String queries = r.ref(m, "queries", defined);
                    yield r.check(m, "k", () -> new Module.Search(moduleName, queries, index, r.integer(m, "k"),
                            m.text("into")));
                }
                case "rerank" -> {
                    m.allowOnly(Set.of("name", "query", "passages", "k", "into", "order", "engines"));
                    String order = r.value(m, "order", "score").toUpperCase(Locale.ROOT);
                    ContextOrder co;
                    try {
                        co = ContextOrder.valueOf(order);
                    } catch (IllegalArgumentException e) {
                        throw m.required("order").error("order must be score or arrival, not '%s'",
                                order.toLowerCase(Locale.ROOT));
                    }
                    String query = r.ref(m, "query", defined);
                    String passages = r.ref(m, "passages", defined);
                    yield r.check(m, "k", () -> new Module.Rerank(moduleName, query, passages, r.integer(m, "k"),
                            m.text("into"), co));
                }
                case "generate" -> {
                    m.allowOnly(Set.of("name", "template", "maxTokens", "into", "engines"));
                    YamlTree.Node t = m.required("template");
                    PromptTemplate template;
                    try {
                        template = PromptTemplate.of(YamlTree.scalar(t).text());
                    } catch (RuntimeException e) {
                        throw t.error("%s", e.getMessage());
                    }
                    for (String p : template.placeholders()) {
                        if (!defined.containsKey(p)) {
                            throw t.error("unknown placeholder {{%s}}; values defined before this module: %s", p,
                                    defined.keySet());
                        }
                    }
                    yield r.check(m, "maxTokens", () -> new Module.Generate(moduleName, template,
                            r.integer(m, "maxTokens"), m.text("into")));
                }
                case "step" -> {
                    m.allowOnly(Set.of("name", "function", "inputs", "kind", "into"));
                    YamlTree.Node in = m.required("inputs");
                    List<YamlTree.Node> reads = in instanceof YamlTree.ListNode l ? l.items() : List.of(in);
                    List<String> names = new java.util.ArrayList<>();
                    for (YamlTree.Node n : reads) {
                        String v = YamlTree.scalar(n).text().strip();
                        if (!defined.containsKey(v)) {
                            throw n.error("'%s' is neither an input nor defined by an earlier module; values: %s", v,
                                    defined.keySet());
                        }
                        names.add(v);
                    }
                    YamlTree.Scalar k = YamlTree.scalar(m.required("kind"));
                    ValueKind stepKind = kind(k);
                    yield r.check(m, "function", () -> new Module.Step(moduleName, m.text("function").strip(), names,
                            stepKind, m.text("into")));
                }
                default -> throw wrapper.error("unknown module '%s'; modules: [index, expand, search, rerank, "
                        + "generate, step]", kind);
            };
            YamlTree.Node own = m.get("engines");
            if (own != null) {
                binding = bindAll(binding, YamlTree.map(own), module);
            }
            b.then(module);
            defined.put(module.into(), switch (module) {
                case Module.Index _ -> ValueKind.SIGNAL;
                case Module.ExpandQuery _ -> ValueKind.TEXT_LIST;
                case Module.Search _, Module.Rerank _ -> ValueKind.PASSAGE_LIST;
                case Module.Generate _ -> ValueKind.TEXT;
                case Module.Step st -> st.kind();
            });
        }
        YamlTree.Node outputsNode = root.required("outputs");
        List<YamlTree.Node> outs = outputsNode instanceof YamlTree.ListNode l ? l.items() : List.of(outputsNode);
        for (YamlTree.Node o : outs) {
            String out = YamlTree.scalar(o).text();
            if (!defined.containsKey(out)) {
                throw o.error("output '%s' is not defined; values: %s", out, defined.keySet());
            }
            b.output(out);
        }
        b.engines(binding);
        try {
            return b.build();
        } catch (GraphValidationException e) {
            throw located(file, root, moduleNodes, e);
        }
    }

    private static EngineBinding bindAll(EngineBinding binding, YamlTree.MapNode roles, Module module) {
        for (var e : roles.fields().entrySet()) {
            Role role = Role.byKey(e.getKey());
            if (role == null) {
                throw e.getValue().error("unknown role '%s'; roles: %s", e.getKey(),
                        Arrays.stream(Role.values()).map(Role::key).toList());
            }
            if (module != null && !Role.neededBy(module).contains(role)) {
                throw e.getValue().error("module %s has no role %s; its roles: %s", module.name(), role.key(),
                        Role.neededBy(module).stream().map(Role::key).sorted().toList());
            }
            String engine = YamlTree.scalar(e.getValue()).text().strip();
            binding = module == null ? binding.withRole(role, engine) : binding.withModule(module.name(), role, engine);
        }
        return binding;
    }

    private static ValueKind kind(YamlTree.Scalar s) {
        return switch (s.text().strip().toLowerCase(Locale.ROOT)) {
            case "text" -> ValueKind.TEXT;
            case "texts" -> ValueKind.TEXT_LIST;
            case "passages" -> ValueKind.PASSAGE_LIST;
            case "signal" -> ValueKind.SIGNAL;
            default -> throw s.error("unknown input type '%s'; types: [text, texts, passages, signal]", s.text());
        };
    }

    /** A check of the core model's, placed at the module it names and the field it reads. */
    private static ConfigFileException located(String file, YamlTree.MapNode root,
                                               Map<String, YamlTree.MapNode> modules, GraphValidationException e) {
        for (var m : modules.entrySet()) {
            if (e.getMessage().contains("module " + m.getKey() + " ")) {
                Matcher f = java.util.regex.Pattern.compile("reads (\\S+) from").matcher(e.getMessage());
                YamlTree.Node at = m.getValue();
                if (f.find()) {
                    String field = f.group(1).startsWith("{{") ? "template" : f.group(1);
                    at = m.getValue().fields().getOrDefault(field, at);
                }
                return at.error("%s", e.getMessage());
            }
        }
        return new ConfigFileException(file, root.line(), "", e.getMessage());
    }

    /** Reads module fields, resolving {@code $option} references. */
    private record Reader(String file, Map<String, YamlTree.Scalar> options) {
        String value(YamlTree.MapNode m, String key, String fallback) {
            YamlTree.Node n = m.get(key);
            return n == null ? fallback : resolve(YamlTree.scalar(n)).text();
        }

        YamlTree.Scalar resolve(YamlTree.Scalar s) {
            String t = s.text().strip();
            if (!t.startsWith("$")) {
                return s;
            }
            YamlTree.Scalar o = options.get(t.substring(1));
            if (o == null) {
                throw s.error("unknown option %s; options: %s", t, options.keySet());
            }
            return new YamlTree.Scalar(s.file(), s.line(), s.path(), o.text());
        }

        int integer(YamlTree.MapNode m, String key) {
            return resolve(YamlTree.scalar(m.required(key))).asInt();
        }

        /** The value named by {@code key}, which must be defined before this module. */
        String ref(YamlTree.MapNode m, String key, Map<String, ValueKind> defined) {
            YamlTree.Node n = m.required(key);
            String v = YamlTree.scalar(n).text().strip();
            if (!defined.containsKey(v)) {
                throw n.error("'%s' is neither an input nor defined by an earlier module; declare it under "
                        + "inputs (missing input) or define it first; values: %s", v, defined.keySet());
            }
            return v;
        }

        /** Builds a module, placing a size check's error at {@code sizeKey}. */
        Module check(YamlTree.MapNode m, String sizeKey, java.util.function.Supplier<Module> make) {
            try {
                return make.get();
            } catch (IllegalArgumentException e) {
                throw m.fields().getOrDefault(sizeKey, m).error("%s", e.getMessage());
            }
        }
    }
}
