// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.primitive;

import dev.ayo4j.spi.Generation;
import dev.ayo4j.spi.Passage;
import dev.ayo4j.spi.Signal;
import java.util.List;
import java.util.Objects;

/**
 * Named, typed input or output port of a primitive, and the typed key under which its value travels.
 *
 * <p>The type parameter is the Java type of the port's values, fixed by its {@link ValueKind}: {@code
 * String} for TEXT, {@code List<String>} for TEXT_LIST, {@code List<Passage>} for PASSAGE_LIST, {@code
 * List<float[]>} for VECTOR_LIST, {@link Signal} for SIGNAL and {@link Generation} for GENERATION. The
 * factories ({@link #text}, {@link #passages}, ...) pair the two, so a constant such as {@code
 * Primitive.Embed.TEXTS} is read as {@code task.input(Embed.TEXTS)} with no cast. Each primitive
 * declares its fixed ports as constants; graphs, engines and the runtime name ports only through them.
 *
 * <p>Two ports are equal when their names and kinds are: the type parameter is not kept at run time.
 *
 * @param <T> Java type of the port's values
 */
public record Port<T>(String name, ValueKind kind) {
    public Port {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }

    /** A TEXT port. */
    public static Port<String> text(String name) {
        return new Port<>(name, ValueKind.TEXT);
    }

    /** A TEXT_LIST port. */
    public static Port<List<String>> texts(String name) {
        return new Port<>(name, ValueKind.TEXT_LIST);
    }

    /** A PASSAGE_LIST port. */
    public static Port<List<Passage>> passages(String name) {
        return new Port<>(name, ValueKind.PASSAGE_LIST);
    }

    /** A VECTOR_LIST port. */
    public static Port<List<float[]>> vectors(String name) {
        return new Port<>(name, ValueKind.VECTOR_LIST);
    }

    /** A SIGNAL port. */
    public static Port<Signal> signal(String name) {
        return new Port<>(name, ValueKind.SIGNAL);
    }

    /** A GENERATION port. */
    public static Port<Generation> generation(String name) {
        return new Port<>(name, ValueKind.GENERATION);
    }

    /** A port whose kind is known only at run time (an aggregate's inputs, a query's input values). */
    public static Port<?> of(String name, ValueKind kind) {
        return new Port<>(name, kind);
    }

    /**
     * {@code value} as this port's type; throws {@link IllegalArgumentException} naming the port when it
     * is not of the Java type of the port's kind (the elements of a list are not inspected).
     */
    @SuppressWarnings("unchecked")
    public T cast(Object value) {
        Objects.requireNonNull(value, "value");
        boolean fits = switch (kind) {
            case TEXT -> value instanceof String;
            case TEXT_LIST, PASSAGE_LIST, VECTOR_LIST -> value instanceof List<?>;
            case SIGNAL -> value instanceof Signal;
            case GENERATION -> value instanceof Generation;
        };
        if (!fits) {
            throw new IllegalArgumentException(String.format("port %s carries %s, not a %s", this, kind,
                    value.getClass().getSimpleName()));
        }
        return (T) value;
    }

    @Override
    public String toString() {
        return name + ":" + kind;
    }
}
