// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.engine.llamacpp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Per-JVM location of java-llama.cpp's native library.
 *
 * <p>By default the library extracts {@code libjllama.so} under a fixed name into {@code java.io.tmpdir},
 * prints that on stdout, and first deletes every {@code llama*}/{@code jllama*} file there, so parallel
 * JVMs clobber each other. Unless the user already set {@code de.kherud.llama.lib.path} or
 * {@code de.kherud.llama.tmpdir}, this class copies the bundled library into a private temporary
 * directory and points both properties at it before the first {@code LlamaModel} is touched.
 */
final class NativeLibrary {
    private static final System.Logger LOG = System.getLogger(NativeLibrary.class.getName());
    static final String LIB_PATH = "de.kherud.llama.lib.path";
    static final String TMP_DIR = "de.kherud.llama.tmpdir";
    private static boolean prepared;

    private NativeLibrary() {}

    static synchronized void prepare() {
        if (prepared || System.getProperty(LIB_PATH) != null || System.getProperty(TMP_DIR) != null) {
            prepared = true;
            return;
        }
        try {
            Path dir = Files.createTempDirectory("ayo4j-llamacpp-");
            dir.toFile().deleteOnExit();
            String name = System.mapLibraryName("jllama");
            String resource = "/de/kherud/llama/" + platformFolder() + "/" + name;
            try (InputStream in = de.kherud.llama.LlamaModel.class.getResourceAsStream(resource)) {
                if (in != null) {
                    Path lib = dir.resolve(name);
                    Files.copy(in, lib);
                    lib.toFile().deleteOnExit();
                    System.setProperty(LIB_PATH, dir.toString());
                } else {
                    LOG.log(Level.WARNING, "no bundled llama.cpp library at {0}; java-llama.cpp will look for one",
                            resource);
                }
            }
            System.setProperty(TMP_DIR, dir.toString());
            LOG.log(Level.DEBUG, "llama.cpp native library directory: {0}", dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare a directory for the llama.cpp native library", e);
        }
        prepared = true;
    }

    /** The folder java-llama.cpp 4.2.0 keeps the library for this platform in, e.g. {@code Linux/x86_64}. */
    private static String platformFolder() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String osFolder = os.contains("win") ? "Windows" : os.contains("mac") ? "Mac" : "Linux";
        String archFolder = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            case "x86", "i386", "i686" -> "x86";
            default -> arch;
        };
        return osFolder + "/" + archFolder;
    }
}
