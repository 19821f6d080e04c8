// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.app;

import dev.ayo4j.Ayo4jException;
import dev.ayo4j.app.App;
import dev.ayo4j.app.AppOptions;
import dev.ayo4j.app.Apps;
import dev.ayo4j.app.ContextOrder;
import dev.ayo4j.app.EngineBinding;
import dev.ayo4j.app.Module;
import dev.ayo4j.primitive.ValueKind;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * An application the benchmark runs: a built-in one, sized by the benchmark's options, or an app from an
 * app file with its own sizes. naive-rag and advanced-rag search a corpus ingested once before any query
 * is measured; doc-qa ingests each query's own passages (several hundred) before searching them;
 * multi-call retrieves nothing. An app from a file is classified the same way from its modules.
 */
public final class Workload {
    /** Search the corpus with the question, rerank, answer. */
    public static final Workload NAIVE_RAG = new Workload("naive-rag", 0, true, Apps::naiveRagOverCollection, true);
    /** Expand the question into queries, search the corpus with each, rerank, answer. */
    public static final Workload ADVANCED_RAG = new Workload("advanced-rag", 0, true,
            Apps::advancedRagOverCollection, true);
    /** Document QA: ingest the query's own passages, search them with the question, rerank, answer. */
    public static final Workload DOC_QA = new Workload("doc-qa", 300, false, Apps::naiveRag, true);
    /** Draft an answer, then refine it in a second LLM call; no retrieval. */
    public static final Workload MULTI_CALL = new Workload("multi-call", 0, false, Apps::multiCall, true);

    private static final List<Workload> BUILT_IN = List.of(NAIVE_RAG, ADVANCED_RAG, DOC_QA, MULTI_CALL);
    /** Passages each query of an app file with an index module ingests, as doc-qa. */
    private static final int FILE_INDEX_PASSAGES = DOC_QA.defaultPassages;

    private final String label;
    private final int defaultPassages;
    private final boolean searchesCorpus;
    private final Function<AppOptions, App> apps;
    private final boolean builtIn;

    private Workload(String label, int defaultPassages, boolean searchesCorpus, Function<AppOptions, App> apps,
                     boolean builtIn) {
        this.label = label;
        this.defaultPassages = defaultPassages;
        this.searchesCorpus = searchesCorpus;
        this.apps = apps;
        this.builtIn = builtIn;
    }

    public String label() {
        return label;
    }

    /** Passages a query ingests itself unless configured otherwise (0: none). */
    public int defaultPassages() {
        return defaultPassages;
    }

    /** Whether queries ingest passages of their own before searching them. */
    public boolean ingestsPerQuery() {
        return defaultPassages > 0;
    }

    /** Whether queries search the corpus ingested before the run. */
    public boolean searchesCorpus() {
        return searchesCorpus;
    }

    /** Whether queries retrieve and rerank passages. */
    public boolean retrieves() {
        return searchesCorpus || ingestsPerQuery();
    }

    /** Whether the question is expanded into several search queries. */
    public boolean expands() {
        return app(AppOptions.DEFAULT).modules().stream().anyMatch(Module.ExpandQuery.class::isInstance);
    }

    /** The app's module chain: a built-in app sized by {@code options}; an app file's as the file sizes it. */
    public App app(AppOptions options) {
        return apps.apply(options);
    }

    /** The order of the answer's context: {@code options}' for a built-in app, the rerank module's for a file. */
    public ContextOrder contextOrder(AppOptions options) {
        if (builtIn) {
            return options.contextOrder();
        }
        return app(options).modules().stream().filter(Module.Rerank.class::isInstance).map(Module.Rerank.class::cast)
                .map(Module.Rerank::order).findFirst().orElse(ContextOrder.SCORE);
    }

    /** Tokens of the answer: {@code options}' for a built-in app, the last generate module's for a file. */
    public int answerTokens(AppOptions options) {
        return builtIn ? options.answerTokens() : ((Module.Generate) app(options).modules().getLast()).maxTokens();
    }

    /**
     * Whether the run adds Ayo's single prefill split (the app with its context by score) beside ayo4j: a
     * built-in app that expands, with an arrival-ordered context.
     */
    boolean splitsLikeAyo(AppOptions options) {
        return builtIn && expands() && options.contextOrder() == ContextOrder.ARRIVAL;
    }

    /** The built-in workload called {@code label}; throws naming the known ones. */
    public static Workload of(String label) {
        return BUILT_IN.stream().filter(w -> w.label.equals(label)).findFirst().orElseThrow(
                () -> new Ayo4jException("unknown workload '" + label + "'; known: " + labels()
                        + ", or an app file (.yaml)"));
    }

    /**
     * The app {@code app}, read from the app file {@code file}, as a workload; throws naming the file and
     * what the benchmark cannot run: every system is given a question (and, for an app with an index
     * module, its passages), the sequential chain and LangChain4j run the built-in modules only, and the
     * engines are one per role.
     */
    public static Workload of(App app, String file) {
        Objects.requireNonNull(app, "app");
        String problem = unsupported(app);
        if (problem != null) {
            throw new Ayo4jException(String.format("app file %s (app %s): %s", file, app.name(), problem));
        }
        boolean indexes = app.modules().stream().anyMatch(Module.Index.class::isInstance);
        boolean searches = !indexes && app.modules().stream().anyMatch(Module.Search.class::isInstance);
        return new Workload(app.name(), indexes ? FILE_INDEX_PASSAGES : 0, searches, _ -> app, false);
    }

    /** Why the benchmark cannot run {@code app}, or null if it can. */
    private static @Nullable String unsupported(App app) {
        for (Map.Entry<String, ValueKind> in : app.inputs().entrySet()) {
            String name = in.getKey();
            boolean fed = name.equals(Apps.QUESTION.name()) && in.getValue() == ValueKind.TEXT
                    || name.equals(Apps.PASSAGES.name()) && in.getValue() == ValueKind.PASSAGE_LIST
                    || name.equals(Apps.INDEX.name()) && in.getValue() == ValueKind.SIGNAL;
            if (!fed) {
                return String.format("input '%s' (%s) is not one the benchmark gives a query; it gives "
                        + "'question' (text) and, to an app with an index module, 'passages' (passages)", name,
                        in.getValue().name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        if (!app.inputs().containsKey(Apps.QUESTION.name())) {
            return "it has no input 'question' (text), which the benchmark's queries give";
        }
        if (!app.engines().equals(EngineBinding.DEFAULT)) {
            return "it binds modules to engines by name, but the benchmark runs one engine per role; drop 'engines:'";
        }
        List<Module> modules = app.modules();
        for (Module m : modules) {
            if (m instanceof Module.Step s) {
                return String.format("step '%s' runs a user function, which the sequential chain and LangChain4j "
                        + "cannot run; the benchmark runs apps of index, expand, search, rerank and generate", s.name());
            }
        }
        if (!(modules.getLast() instanceof Module.Generate last)) {
            return "its last module must be a generate (the answer); it is " + modules.getLast().name();
        }
        if (!app.outputs().getFirst().equals(last.into())) {
            return String.format("its first output must be the answer, '%s'; it is '%s'", last.into(),
                    app.outputs().getFirst());
        }
        long searches = count(modules, Module.Search.class);
        long reranks = count(modules, Module.Rerank.class);
        if (searches == 0) {
            return modules.stream().allMatch(Module.Generate.class::isInstance) ? null
                    : "an app without a search must be a chain of generate modules, as LangChain4j runs one";
        }
        if (searches != 1 || reranks != 1 || count(modules, Module.Generate.class) != 1
                || count(modules, Module.ExpandQuery.class) > 1 || count(modules, Module.Index.class) > 1) {
            return "an app that retrieves must have one search, one rerank and one generate (at most one expand "
                    + "and one index), as LangChain4j's retrieval augmentor runs it";
        }
        return null;
    }

    private static long count(List<Module> modules, Class<? extends Module> type) {
        return modules.stream().filter(type::isInstance).count();
    }

    /** Labels of the built-in workloads. */
    public static List<String> labels() {
        return BUILT_IN.stream().map(Workload::label).toList();
    }

    @Override
    public String toString() {
        return label;
    }
}
