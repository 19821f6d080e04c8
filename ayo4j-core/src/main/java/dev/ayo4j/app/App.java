// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.app;

import dev.ayo4j.Checks;
import dev.ayo4j.GraphValidationException;
import dev.ayo4j.graph.PrimitiveGraph;
import dev.ayo4j.primitive.ValueKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.SequencedMap;
import java.util.Set;

/**
 * LLM application as a chain of {@link Module modules} over named values, checked when built and
 * lowered to a primitive graph per query.
 *
 * <p>Modules run, in a framework such as LangChain4j, one after another in the order they were added;
 * the lowered graph keeps that order as ordering-only edges, which the planner's dependency pruning
 * removes where no data flows.
 */
public final class App {
    private final String name;
    private final String collection;
    private final EngineBinding engines;
    private final SequencedMap<String, ValueKind> inputs;
    private final List<Module> modules;
    private final List<String> outputs;
    private final SequencedMap<String, ValueKind> values;

    private App(Builder b, SequencedMap<String, ValueKind> values) {
        this.name = b.name;
        this.collection = b.collection == null ? b.name : b.collection;
        this.engines = b.engines;
        this.inputs = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(b.inputs));
        this.modules = List.copyOf(b.modules);
        this.outputs = List.copyOf(b.outputs);
        this.values = Collections.unmodifiableSequencedMap(values);
    }

    private App(App other, String collection, EngineBinding engines) {
        this.name = other.name;
        this.collection = collection;
        this.engines = engines;
        this.inputs = other.inputs;
        this.modules = other.modules;
        this.outputs = other.outputs;
        this.values = other.values;
    }

    /** This app with its Index and Search modules using {@code newCollection}. */
    public App withCollection(String newCollection) {
        Checks.argument(!newCollection.isBlank(), "collection name must not be blank");
        return new App(this, newCollection, engines);
    }

    /** This app with its modules addressed to the engines of {@code binding}. */
    public App withEngines(EngineBinding binding) {
        return new App(this, collection, Objects.requireNonNull(binding, "binding"));
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    /** The vector-store collection the app's Index and Search modules use. */
    public String collection() {
        return collection;
    }

    public EngineBinding engines() {
        return engines;
    }

    /** Values the query supplies, with their kinds. */
    public SequencedMap<String, ValueKind> inputs() {
        return inputs;
    }

    public List<Module> modules() {
        return modules;
    }

    public List<String> outputs() {
        return outputs;
    }

    /** Every value of the app (inputs and what modules define), with its kind. */
    public SequencedMap<String, ValueKind> values() {
        return values;
    }

    /** The primitive graph of one query of this shape (unoptimized: the module chain as is). */
    public PrimitiveGraph lower(QueryShape shape) {
        return Lowering.lower(this, shape);
    }

    @Override
    public String toString() {
        return "App(" + name + ", modules=" + modules.stream().map(Module::name).toList() + ")";
    }

    /** Builder of an {@link App}; {@link #build()} checks every binding and template. */
    public static final class Builder {
        private final String name;
        private String collection;
        private EngineBinding engines = EngineBinding.DEFAULT;
        private final SequencedMap<String, ValueKind> inputs = new LinkedHashMap<>();
        private final List<Module> modules = new ArrayList<>();
        private final List<String> outputs = new ArrayList<>();

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
            Checks.argument(!name.isBlank(), "app name must not be blank");
        }

        /** The vector-store collection; defaults to the app's name. */
        public Builder collection(String c) {
            this.collection = Objects.requireNonNull(c, "collection");
            return this;
        }

        public Builder engines(EngineBinding e) {
            this.engines = Objects.requireNonNull(e, "engines");
            return this;
        }

        /** Declares a value the query supplies. */
        public Builder input(String value, ValueKind kind) {
            Checks.argument(!inputs.containsKey(value), "input '%s' declared twice", value);
            inputs.put(Objects.requireNonNull(value, "value"), Objects.requireNonNull(kind, "kind"));
            return this;
        }

        /** Appends a module to the chain. */
        public Builder then(Module module) {
            modules.add(Objects.requireNonNull(module, "module"));
            return this;
        }

        /** Declares a value the query returns. */
        public Builder output(String value) {
            outputs.add(Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Checks every module's bindings in chain order; throws {@link GraphValidationException}. */
        public App build() {
            SequencedMap<String, ValueKind> values = new LinkedHashMap<>(inputs);
            Set<String> moduleNames = new HashSet<>();
            if (modules.isEmpty()) {
                throw new GraphValidationException("app " + name + " has no modules");
            }
            for (Module m : modules) {
                if (!moduleNames.add(m.name())) {
                    throw new GraphValidationException("app " + name + ": two modules are called '" + m.name() + "'");
                }
                AppChecks.check(name, m, values);
                if (values.containsKey(m.into())) {
                    throw new GraphValidationException(String.format(
                            "app %s: module %s defines '%s', which is already defined", name, m.name(), m.into()));
                }
                values.put(m.into(), AppChecks.definedKind(m));
            }
            if (outputs.isEmpty()) {
                throw new GraphValidationException("app " + name + " declares no output");
            }
            for (String out : outputs) {
                if (!values.containsKey(out)) {
                    throw new GraphValidationException(String.format(
                            "app %s: output '%s' is not defined; defined values: %s", name, out, values.keySet()));
                }
            }
            return new App(this, values);
        }
    }
}
