// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The local folder of model files: {@code <root>/<owner>/<repo>/<file>} for files pulled from a hub
 * (with {@code <file>.part} while a download is under way or was cut), and {@code <root>/synthetic/}
 * for models written on this machine. The default root is {@code $AYO4J_HOME/models}, where
 * {@code AYO4J_HOME} defaults to {@code ~/.ayo4j}.
 *
 * <p>The cache never holds a final file that failed its checksum: downloads land in {@code .part} files
 * and are moved into place atomically once verified. Where a pulled file came from is kept as JSON in
 * the hidden {@code <root>/.meta/} tree. The revision is part of the layout: a file of the default
 * revision {@code main} lives in {@code <owner>/<repo>/}, one of another revision in
 * {@code <owner>/<repo>@<revision>/} (the revision URL-encoded), so revisions never overwrite each other. Instances are immutable and thread-safe; the
 * folder is created on first write, never by the constructor.
 */
public final class ModelCache {
    /** The sub-folder for synthetic models; a hub owner of this name cannot be pulled into the cache. */
    public static final String SYNTHETIC = "synthetic";
    /** Suffix of a partial download. */
    public static final String PART_SUFFIX = ".part";
    /** Environment variable naming ayo4j's home folder. */
    public static final String HOME_ENV = "AYO4J_HOME";
    /** The revision whose files live directly in {@code <owner>/<repo>/}. */
    public static final String DEFAULT_REVISION = "main";

    private static final String META = ".meta";
    private static final Pattern REPO = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path root;

    /** A cache rooted at {@code root}. */
    public ModelCache(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    /** The cache at {@link #defaultRoot(Map)} for this process's environment. */
    public static ModelCache atDefaultLocation() {
        return new ModelCache(defaultRoot(System.getenv()));
    }

    /** {@code $AYO4J_HOME/models}, or {@code ~/.ayo4j/models} when {@code AYO4J_HOME} is unset or blank. */
    public static Path defaultRoot(Map<String, String> environment) {
        return home(environment).resolve("models");
    }

    /**
     * ayo4j's home folder, which holds the model cache and other state: {@code $AYO4J_HOME}, or
     * {@code ~/.ayo4j} when it is unset or blank.
     */
    public static Path home(Map<String, String> environment) {
        String home = environment.get(HOME_ENV);
        return home == null || home.isBlank() ? Path.of(System.getProperty("user.home"), ".ayo4j") : Path.of(home);
    }

    /** The cache folder. */
    public Path root() {
        return root;
    }

    /** The folder for synthetic models. */
    public Path syntheticDir() {
        return root.resolve(SYNTHETIC);
    }

    /**
     * Where {@code file} of hub repository {@code repo} lives in the cache, whether or not it is there.
     *
     * @throws IllegalArgumentException if {@code repo} is not {@code owner/name} or {@code file} is not a
     *                                  plain relative path
     */
    public Path path(String repo, String file) {
        return path(repo, file, DEFAULT_REVISION);
    }

    /** Where {@code file} of {@code repo} at {@code revision} lives in the cache, whether or not it is there. */
    public Path path(String repo, String file, String revision) {
        checkRepo(repo);
        checkFile(file);
        Objects.requireNonNull(revision, "revision");
        if (revision.isBlank()) {
            throw new IllegalArgumentException("the revision must not be blank");
        }
        String folder = revision.equals(DEFAULT_REVISION) ? repo
                : repo + "@" + URLEncoder.encode(revision, StandardCharsets.UTF_8);
        return root.resolve(folder).resolve(file);
    }

    /** The partial download of {@code file} of revision {@code main}, whether or not it is there. */
    public Path partPath(String repo, String file) {
        return partPath(repo, file, DEFAULT_REVISION);
    }

    /** The partial download of {@code file} at {@code revision}, whether or not it is there. */
    public Path partPath(String repo, String file, String revision) {
        Path path = path(repo, file, revision);
        return path.resolveSibling(path.getFileName() + PART_SUFFIX);
    }

    /** The completely pulled {@code file} of {@code repo}, if the cache has it. */
    public Optional<Path> find(String repo, String file) {
        Path path = path(repo, file);
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    /** Every model file in the cache, partial downloads included, sorted by name. */
    public List<CachedModel> list() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<CachedModel> models = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path path : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Path relative = root.relativize(path);
                if (hidden(relative)) {
                    continue;
                }
                String name = relative.toString().replace('\\', '/');
                if (relative.getName(0).toString().equals(SYNTHETIC)) {
                    models.add(new CachedModel(CachedModel.Kind.SYNTHETIC, name, path, Files.size(path)));
                } else if (relative.getNameCount() >= 3) {
                    boolean partial = name.endsWith(PART_SUFFIX);
                    models.add(new CachedModel(partial ? CachedModel.Kind.PARTIAL : CachedModel.Kind.PULLED,
                            partial ? name.substring(0, name.length() - PART_SUFFIX.length()) : name, path,
                            Files.size(path)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the model cache " + root, e);
        }
        models.sort(Comparator.comparing(CachedModel::name).thenComparing(CachedModel::kind));
        return List.copyOf(models);
    }

    /** Stores where the pulled file came from. */
    public void recordPull(PullRecord record) {
        Path meta = metaPath(path(record.repo(), record.file(), record.revision()));
        try {
            Files.createDirectories(meta.getParent());
            Path tmp = meta.resolveSibling(meta.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), record);
            Files.move(tmp, meta, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + meta, e);
        }
    }

    /** Where a pulled file came from, if the cache recorded it. */
    public Optional<PullRecord> pullRecord(CachedModel model) {
        if (model.kind() != CachedModel.Kind.PULLED) {
            return Optional.empty();
        }
        Path meta = metaPath(model.path());
        if (!Files.isRegularFile(meta)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(meta.toFile(), PullRecord.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pull record " + meta, e);
        }
    }

    private Path metaPath(Path model) {
        return root.resolve(META).resolve(root.relativize(model) + ".json");
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    static void checkRepo(String repo) {
        Objects.requireNonNull(repo, "repo");
        if (!REPO.matcher(repo).matches() || repo.contains("..")) {
            throw new IllegalArgumentException(
                    "a hub repository is 'owner/name' (letters, digits, '.', '_', '-'): '" + repo + "'");
        }
        if (repo.startsWith(SYNTHETIC + "/")) {
            throw new IllegalArgumentException("the owner name '" + SYNTHETIC
                    + "' is reserved for the cache's synthetic models folder: '" + repo + "'");
        }
    }

    static void checkFile(String file) {
        Objects.requireNonNull(file, "file");
        boolean ok = !file.isEmpty() && !file.startsWith("/") && !file.contains("\\") && !file.endsWith(PART_SUFFIX);
        for (String segment : file.split("/", -1)) {
            ok &= !segment.isEmpty() && !segment.equals(".") && !segment.equals("..") && !segment.startsWith(".");
        }
        if (!ok) {
            throw new IllegalArgumentException("a repository file is a relative path like 'model-q8_0.gguf' or"
                    + " 'sub/dir/model.gguf', without '.', '..', hidden names or a '" + PART_SUFFIX
                    + "' suffix: '" + file + "'");
        }
    }
}
