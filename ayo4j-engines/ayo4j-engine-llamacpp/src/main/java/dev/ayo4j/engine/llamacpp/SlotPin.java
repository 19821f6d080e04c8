// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.llamacpp;

import de.kherud.llama.InferenceParameters;
import java.lang.reflect.Field;
import java.util.Map;

/**
 * Pins a request to one llama.cpp slot ({@code id_slot}), which java-llama.cpp 4.2.0 reads from a
 * request's JSON but offers no setter for: the value goes into the parameters' package-private map of raw
 * JSON values, read once by reflection.
 */
final class SlotPin {
    private static final Field PARAMETERS;

    static {
        try {
            PARAMETERS = InferenceParameters.class.getSuperclass().getDeclaredField("parameters");
            PARAMETERS.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExceptionInInitializerError("java-llama.cpp's InferenceParameters has no parameters map: " + e);
        }
    }

    private SlotPin() {}

    /**
     * Sends {@code params} to slot {@code slot}, which must be below the engine's slot count (llama.cpp
     * waits forever for a slot that does not exist).
     */
    @SuppressWarnings("unchecked")
    static InferenceParameters pin(InferenceParameters params, int slot) {
        try {
            ((Map<String, String>) PARAMETERS.get(params)).put("id_slot", Integer.toString(slot));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot set id_slot on a java-llama.cpp request", e);
        }
        return params;
    }
}
