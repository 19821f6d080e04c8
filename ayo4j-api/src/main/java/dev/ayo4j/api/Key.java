package dev.ayo4j.api;

import dev.ayo4j.Checks;
import dev.ayo4j.primitive.ValueKind;
import dev.ayo4j.spi.Passage;
import dev.ayo4j.spi.Signal;
import java.util.List;
import java.util.Objects;

/**
 * A named value of an app, carrying its Java type: what {@link Inputs} are set with and what a
 * {@link Result} is read with, so no caller handles an untyped map. Keys of the built-in apps are in
 * {@link Keys}; make others with the factories, e.g. {@code Key.text("topic")}.
 *
 * @param name the value's name in the app (its file or builder)
 * @param kind the value's kind in the app's graph
 * @param <T>  the Java type of the value: {@code String} for TEXT, {@code List<String>} for TEXT_LIST,
 *             {@code List<Passage>} for PASSAGE_LIST, {@link Signal} for SIGNAL
 */
public record Key<T>(String name, ValueKind kind) {
    public Key {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Checks.argument(!name.isBlank(), "a key needs a name");
    }

    /** A text value. */
    public static Key<String> text(String name) {
        return new Key<>(name, ValueKind.TEXT);
    }

    /** A list of texts (e.g. expanded queries). */
    public static Key<List<String>> texts(String name) {
        return new Key<>(name, ValueKind.TEXT_LIST);
    }

    /** A list of passages (documents to index, or passages found). */
    public static Key<List<Passage>> passages(String name) {
        return new Key<>(name, ValueKind.PASSAGE_LIST);
    }

    /** A completion signal. */
    public static Key<Signal> signal(String name) {
        return new Key<>(name, ValueKind.SIGNAL);
    }

    /** The Java type values of this key have (its raw class). */
    public Class<?> javaType() {
        return javaType(kind);
    }

    static Class<?> javaType(ValueKind kind) {
        return switch (kind) {
            case TEXT -> String.class;
            case TEXT_LIST, PASSAGE_LIST, VECTOR_LIST -> List.class;
            case SIGNAL -> Signal.class;
            case GENERATION -> dev.ayo4j.spi.Generation.class;
        };
    }
}
