// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.api;

import dev.ayo4j.Ayo4jException;
import dev.ayo4j.Checks;
import dev.ayo4j.Closing;
import dev.ayo4j.PlanningException;
import dev.ayo4j.app.App;
import dev.ayo4j.app.EngineBinding;
import dev.ayo4j.app.Module;
import dev.ayo4j.app.Role;
import dev.ayo4j.local.LocalStackOptions;
import dev.ayo4j.models.ModelCache;
import dev.ayo4j.models.ModelResolver;
import dev.ayo4j.models.ResolvedModel;
import dev.ayo4j.plan.Pass;
import dev.ayo4j.plan.Passes;
import dev.ayo4j.plan.Planner;
import dev.ayo4j.plan.PlannerContext;
import dev.ayo4j.plan.Program;
import dev.ayo4j.plan.Rule;
import dev.ayo4j.plan.cost.CostModel;
import dev.ayo4j.runtime.Ayo4jRuntime;
import dev.ayo4j.runtime.EngineProviders;
import dev.ayo4j.runtime.EngineSpec;
import dev.ayo4j.runtime.RunListener;
import dev.ayo4j.runtime.StepFunction;
import dev.ayo4j.spi.CollectionAdmin;
import dev.ayo4j.spi.Engine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The entry point of ayo4j: it owns the engines (each created through its {@link EngineProviders provider}
 * from a spec: an engine file, specs in code, or by default the embedded stack), one planner with the
 * standard passes plus the engines' own rules, and one cost model derived from what the engines declare
 * (their batch and token limits). Apps are prepared by name (built-in or registered), from an app file,
 * or as an {@link App} built in Java; a {@link PreparedApp} plans each run from its actual inputs.
 *
 * {@snippet :
 * try (Ayo4j ayo = Ayo4j.builder().engines(Path.of("engines.yaml")).build()) {
 *     ayo.collections().ingest("guide", documents);
 *     Result r = ayo.prepare("advanced-rag").run(Inputs.question("What is prefill splitting?").collection("guide"));
 *     System.out.println(r.answer());
 * }
 * }
 *
 * <p>Why a module of its own ({@code ayo4j-api}): it is the one place that sees the runtime, the planner,
 * the SPI, engine files and app files together, and the one artifact a library user depends on; the
 * engines' modules come with it only as providers found at run time, never as types a user names.
 *
 * <p>Threading: thread-safe; runs may be started from many threads. Errors: building fails with an
 * {@link Ayo4jException} naming the engine (and its URL for a remote engine that cannot be reached),
 * {@link ConfigFileException} for a bad engine or app file. {@link #close()} closes every engine.
 */
public final class Ayo4j implements AutoCloseable {
    /** Deadline of a run that sets none: 5 minutes. */
    public static final Duration DEFAULT_DEADLINE = Ayo4jRuntime.DEFAULT_DEADLINE;
    /** How long start-up waits for each engine to be reachable: 10 s. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(10);
    /** How long {@link #ready()} waits for each engine: 2 s. */
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(2);

    private static final System.Logger LOG = System.getLogger(Ayo4j.class.getName());

    private final Map<String, EngineSpec> specs;
    private final Map<String, Engine> engines;
    private final Ayo4jRuntime runtime;
    private final CostModel costModel;
    private final Planner planner;
    private final Duration deadline;
    private final Map<String, App> apps;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Catalog catalog;

    private Ayo4j(Map<String, EngineSpec> specs, Map<String, Engine> engines, Ayo4jRuntime runtime,
                  CostModel costModel, Planner planner, Duration deadline, Map<String, App> apps) {
        this.specs = specs;
        this.engines = engines;
        this.runtime = runtime;
        this.costModel = costModel;
        this.planner = planner;
        this.deadline = deadline;
        this.apps = apps;
        this.catalog = new Catalog(this);
    }

    /** A builder; with no engines given, {@link Builder#build()} opens the embedded stack. */
    public static Builder builder() {
        return new Builder();
    }

    /** Names of the apps {@link #prepare(String)} knows: the built-in ones, then those registered. */
    public List<String> apps() {
        return List.copyOf(apps.keySet());
    }

    /** The app called {@code nameOrFile}: a known app's name, else a path to an app file. */
    public PreparedApp prepare(String nameOrFile) {
        Objects.requireNonNull(nameOrFile, "nameOrFile");
        App app = apps.get(nameOrFile);
        if (app != null) {
            return prepare(app);
        }
        if (AppFiles.isAppFile(nameOrFile)) {
            return prepare(Path.of(nameOrFile));
        }
        throw new Ayo4jException("unknown app '" + nameOrFile + "'; apps: " + apps.keySet()
                + " (or give an app file ending in .yaml)");
    }

    /** The app described by the app file at {@code file}. */
    public PreparedApp prepare(Path file) {
        return prepare(AppFiles.load(file));
    }

    /**
     * {@code app} bound to these engines: each module's roles go to the engine its binding names, else to
     * the one engine that plays the role. Throws naming the module and role when no engine (or more than
     * one) could serve it.
     */
    public PreparedApp prepare(App app) {
        requireOpen();
        return new Prepared(bind(app), runtime, planner, deadline);
    }

    /** The collections of the vector store (the engine playing {@link Role#VECTORS}). */
    public CollectionCatalog collections() {
        requireOpen();
        return catalog;
    }

    /** The engines, in the order they were configured. */
    public List<EngineInfo> engines() {
        List<EngineInfo> out = new ArrayList<>();
        specs.forEach((name, spec) -> {
            var caps = engines.get(name).capabilities();
            out.add(new EngineInfo(name, spec.provider(), spec.roles(), caps.primitives().stream()
                    .map(Class::getSimpleName).sorted().toList(), caps.maxBatchSize(), caps.maxBatchTokens(),
                    caps.maxConcurrency()));
        });
        return out;
    }

    /**
     * The runtime the apps run on, for instrumentation that reads its engine schedulers (e.g. the engine
     * gauges of {@code Observability.bind}); closed by {@link #close()}.
     */
    public Ayo4jRuntime runtime() {
        return runtime;
    }

    /** The cost model the planner and the engine schedulers share. */
    public CostModel costModel() {
        return costModel;
    }

    /** Whether every engine is reachable now (each checked for at most {@link #READY_TIMEOUT}). */
    public boolean ready() {
        if (closed.get()) {
            return false;
        }
        for (Engine e : engines.values()) {
            try {
                e.awaitReady(READY_TIMEOUT);
            } catch (RuntimeException ex) {
                LOG.log(System.Logger.Level.WARNING, "engine {0} is not ready: {1}", e.name(), ex.getMessage());
                return false;
            }
        }
        return true;
    }

    /** Stops the runtime and closes every engine; idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            runtime.close();
        }
    }

    Engine engine(String name) {
        return engines.get(name);
    }

    private void requireOpen() {
        Checks.state(!closed.get(), "this Ayo4j is closed");
    }

    /** The vector store engine and its admin interface. */
    CollectionAdmin admin() {
        String name = playerOf(Role.VECTORS, "the collection API");
        if (!(engines.get(name) instanceof CollectionAdmin admin)) {
            throw new PlanningException("engine " + name + " (the vector store) cannot list or delete collections");
        }
        return admin;
    }

    private App bind(App app) {
        EngineBinding binding = app.engines();
        for (Module m : app.modules()) {
            for (Role role : Role.neededBy(m)) {
                if (binding.binds(m.name(), role)) {
                    String named = binding.engine(m.name(), role);
                    if (!engines.containsKey(named)) {
                        throw new PlanningException(String.format("app %s: module %s has role %s bound to engine '%s',"
                                + " which is not configured; engines: %s", app.name(), m.name(), role.key(), named,
                                engines.keySet()));
                    }
                    continue;
                }
                binding = binding.withRole(role, playerOf(role, "app " + app.name() + " (module " + m.name() + ")"));
            }
        }
        return app.withEngines(binding);
    }

    /** The one engine that plays {@code role}: by its declared roles, else by its name. */
    private String playerOf(Role role, String who) {
        List<String> players = specs.values().stream().filter(s -> s.roles().contains(role)).map(EngineSpec::name)
                .toList();
        if (players.size() == 1) {
            return players.getFirst();
        }
        if (players.size() > 1) {
            throw new PlanningException(String.format("%s needs role %s, which engines %s all play: bind one by "
                    + "name in the app (engines: {%s: NAME})", who, role.key(), players, role.key()));
        }
        if (engines.containsKey(role.key())) {
            return role.key();
        }
        Map<String, Set<String>> known = new LinkedHashMap<>();
        specs.forEach((n, s) -> known.put(n, new TreeSet<>(s.roles().stream().map(Role::key).toList())));
        throw new PlanningException(String.format("%s needs role %s, which no engine plays; engines and their "
                + "roles: %s", who, role.key(), known));
    }

    /**
     * Builder of an {@link Ayo4j}. Engines come from {@link #engines(Path) engine files} and
     * {@link #engine(EngineSpec) specs}; with none, {@link #build()} opens the embedded stack of
     * {@link #embedded(LocalStackOptions)} (default: the first pulled model, else a synthetic one).
     */
    public static final class Builder {
        private final List<EngineSpec> specs = new ArrayList<>();
        private final Map<String, App> apps = new LinkedHashMap<>();
        private final Map<String, StepFunction> steps = new LinkedHashMap<>();
        private LocalStackOptions embedded;
        private List<Pass> passes = Passes.STANDARD;
        private CostModel costModel = CostModel.defaults();
        private Duration deadline = DEFAULT_DEADLINE;
        private Duration startTimeout = DEFAULT_START_TIMEOUT;
        private RunListener listener = RunListener.NONE;
        private EngineProviders providers;

        private Builder() {}

        /** Adds the engines of the engine file at {@code file} (see {@link EngineFiles}). */
        public Builder engines(Path file) {
            specs.addAll(EngineFiles.load(file));
            return this;
        }

        /** Adds one engine, e.g. {@code EngineSpec.of("llm", "openai", Map.of("baseUrl", url, ...), Set.of(LLM))}. */
        public Builder engine(EngineSpec spec) {
            specs.add(Objects.requireNonNull(spec, "spec"));
            return this;
        }

        /**
         * Adds the embedded stack's four engines with {@code options} (see {@link LocalStackOptions#specs()}),
         * its LLM with at least a slot per prompt template of the apps this builder knows (built-in and
         * {@link #app(App) registered}).
         */
        public Builder embedded(LocalStackOptions options) {
            this.embedded = Objects.requireNonNull(options, "options");
            return this;
        }

        /** Registers {@code app} under its name, for {@link Ayo4j#prepare(String)} and {@link Ayo4j#apps()}. */
        public Builder app(App app) {
            Checks.argument(!apps.containsKey(app.name()), "two apps are called '%s'", app.name());
            apps.put(app.name(), app);
            return this;
        }

        /** Registers the app of the app file at {@code file}. */
        public Builder app(Path file) {
            return app(AppFiles.load(file));
        }

        /**
         * Registers a user's Java function under {@code name}, for the {@code step} modules of apps (an app
         * file's {@code - step: {function: NAME, ...}} or a {@code Module.Step}); see {@link StepFunction}.
         */
        public Builder step(String name, StepFunction function) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(function, "function");
            Checks.argument(!steps.containsKey(name), "two steps called '%s'", name);
            steps.put(name, function);
            return this;
        }

        /** The optimization passes (default {@link Passes#STANDARD}); the engines' rules run after them. */
        public Builder passes(List<Pass> p) {
            this.passes = List.copyOf(p);
            return this;
        }

        /** Measured cost profiles; the engines' declared limits are applied on top. */
        public Builder costModel(CostModel model) {
            this.costModel = Objects.requireNonNull(model, "model");
            return this;
        }

        /** Deadline of runs that set none (default {@link #DEFAULT_DEADLINE}). */
        public Builder deadline(Duration d) {
            Checks.argument(d.isPositive(), "deadline must be positive: %s", d);
            this.deadline = d;
            return this;
        }

        /** How long start-up waits for each engine to be reachable (default {@link #DEFAULT_START_TIMEOUT}). */
        public Builder startTimeout(Duration d) {
            Checks.argument(d.isPositive(), "start timeout must be positive: %s", d);
            this.startTimeout = d;
            return this;
        }

        /** A listener of every run's runtime events (metrics, spans, trace files). */
        public Builder listener(RunListener l) {
            this.listener = this.listener.andThen(Objects.requireNonNull(l, "listener"));
            return this;
        }

        /** Where providers are found (default: {@link EngineProviders#load()}). */
        public Builder providers(EngineProviders p) {
            this.providers = Objects.requireNonNull(p, "providers");
            return this;
        }

        /**
         * Creates every engine through its provider, checks each is reachable, and derives the cost model
         * and the planner's rules from them. Closes what it opened when anything fails.
         */
        public Ayo4j build() {
            Map<String, App> known = new LinkedHashMap<>(BuiltInApps.all());
            for (App a : apps.values()) {
                Checks.argument(!known.containsKey(a.name()), "app '%s' has the name of a built-in app", a.name());
                known.put(a.name(), a);
            }
            List<EngineSpec> all = new ArrayList<>(specs);
            if (embedded != null) {
                all.addAll(slotsForApps(embedded, known.values()).specs());
            } else if (all.isEmpty()) {
                all.addAll(slotsForApps(defaultEmbedded(), known.values()).specs());
            }
            Map<String, EngineSpec> byName = new LinkedHashMap<>();
            for (EngineSpec s : all) {
                if (byName.putIfAbsent(s.name(), s) != null) {
                    throw new Ayo4jException("two engines are called '" + s.name() + "' (providers "
                            + byName.get(s.name()).provider() + " and " + s.provider() + ")");
                }
            }
            EngineProviders found = providers != null ? providers : EngineProviders.load();
            Map<String, Engine> opened = new LinkedHashMap<>();
            try {
                for (EngineSpec s : byName.values()) {
                    found.provider(s.provider());
                    try {
                        opened.put(s.name(), found.create(s));
                    } catch (Ayo4jException e) {
                        throw e.getMessage().contains(s.name()) ? e : new Ayo4jException("engine " + s.name() + " ("
                                + s.provider() + "): " + e.getMessage(), e);
                    }
                }
                for (Engine e : opened.values()) {
                    e.awaitReady(startTimeout);
                }
                CostModel model = costModel;
                for (Engine e : opened.values()) {
                    model = model.withEngine(e.name(), e.capabilities());
                }
                Set<Rule> rules = new LinkedHashSet<>();
                for (EngineSpec s : byName.values()) {
                    rules.addAll(found.provider(s.provider()).rules());
                }
                List<Pass> passList = new ArrayList<>(passes);
                if (!rules.isEmpty()) {
                    passList.add(new Pass("engine-rules", Program.of(rules.toArray(Rule[]::new))));
                }
                Planner planner = new Planner(passList, PlannerContext.defaults().withCostModel(model));
                Ayo4jRuntime.Builder rb = Ayo4jRuntime.builder().costModel(model).defaultDeadline(deadline)
                        .listener(listener);
                opened.values().forEach(rb::ownedEngine);
                steps.forEach(rb::step);
                return new Ayo4j(byName, Map.copyOf(opened), rb.build(), model, planner, deadline, known);
            } catch (RuntimeException e) {
                throw Closing.closeAll(e, opened.values());
            }
        }

        /**
         * {@code stack} with at least one LLM slot per prompt template that any one of {@code apps} sends the
         * LLM, so that with slot affinity no template's cached instructions are evicted by another's (a
         * user's app of three calls gets three); more slots asked for are kept.
         */
        private static LocalStackOptions slotsForApps(LocalStackOptions stack, Collection<App> apps) {
            LocalStackOptions sized = stack.withSlotsFor(List.copyOf(apps));
            return sized.llmSlots() > stack.llmSlots() ? sized : stack;
        }

        private static LocalStackOptions defaultEmbedded() {
            ModelCache cache = ModelCache.atDefaultLocation();
            ResolvedModel model = new ModelResolver(cache).resolve(Optional.empty());
            return LocalStackOptions.of(model.path(), ModelCache.home(System.getenv()).resolve("data"))
                    .withSynthetic(!model.meaningfulText());
        }
    }
}
