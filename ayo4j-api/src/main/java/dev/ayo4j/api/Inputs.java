// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.api;

import dev.ayo4j.app.Apps;

import dev.ayo4j.primitive.Port;

import dev.ayo4j.Checks;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import dev.ayo4j.runtime.RunListener;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The inputs of one run of a {@link PreparedApp}: typed values by {@link Port}, the collection to search
 * (for an app that searches one; default: the app's own) and a deadline. Immutable; each {@code with}
 * returns a copy.
 *
 * {@snippet :
 * Inputs in = Inputs.question("Why is the sky blue?").collection("physics");
 * }
 */
public final class Inputs {
    private final Map<Port<?>, Object> values;
    private final String collection;
    private final Duration deadline;
    private final RunListener listener;

    private Inputs(Map<Port<?>, Object> values, String collection, Duration deadline, RunListener listener) {
        this.values = values;
        this.collection = collection;
        this.deadline = deadline;
        this.listener = listener;
    }

    /** No values yet. */
    public static Inputs empty() {
        return new Inputs(Map.of(), null, null, RunListener.NONE);
    }

    /** The value {@code value} for {@code key}. */
    public static <T> Inputs of(Port<T> key, T value) {
        return empty().with(key, value);
    }

    /** A question for {@link Apps#QUESTION}: the input of every built-in app. */
    public static Inputs question(String question) {
        return of(Apps.QUESTION, question);
    }

    /** A copy with {@code key} set to {@code value}. */
    public <T> Inputs with(Port<T> key, T value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Checks.argument(Ports.javaType(key).isInstance(value), "input %s must be a %s, not a %s", key.name(),
                Ports.javaType(key).getSimpleName(), value.getClass().getSimpleName());
        Map<Port<?>, Object> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return new Inputs(Collections.unmodifiableMap(copy), collection, deadline, listener);
    }

    /** A copy that searches {@code name} instead of the app's own collection. */
    public Inputs collection(String name) {
        Checks.argument(!name.isBlank(), "collection name must not be blank");
        return new Inputs(values, name, deadline, listener);
    }

    /** A copy with a deadline for the whole run (default: the entry point's). */
    public Inputs deadline(Duration d) {
        Checks.argument(d.isPositive(), "deadline must be positive: %s", d);
        return new Inputs(values, collection, d, listener);
    }

    /**
     * A copy whose run {@code l} also hears, besides the entry point's listener: the runtime events of this
     * run alone (e.g. metrics labelled with the app, a span whose parent is the caller's trace context).
     */
    public Inputs listener(RunListener l) {
        return new Inputs(values, collection, deadline, listener.andThen(Objects.requireNonNull(l, "listener")));
    }

    /** The values by key, in the order set. */
    public Map<Port<?>, Object> values() {
        return values;
    }

    /** The value of {@code key}, if set. */
    public <T> Optional<T> get(Port<T> key) {
        @SuppressWarnings("unchecked")
        T v = (T) values.get(key);
        return Optional.ofNullable(v);
    }

    /** The collection to search, when not the app's own. */
    public Optional<String> collection() {
        return Optional.ofNullable(collection);
    }

    /** The run's deadline, when not the entry point's default. */
    public Optional<Duration> deadline() {
        return Optional.ofNullable(deadline);
    }

    /** What hears this run's runtime events besides the entry point's listener ({@link RunListener#NONE}: none). */
    public RunListener listener() {
        return listener;
    }

    @Override
    public String toString() {
        return "Inputs" + values.keySet().stream().map(Port::name).toList()
                + (collection == null ? "" : " over " + collection);
    }
}
