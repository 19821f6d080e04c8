package dev.ayo4j.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A server file ({@code ayo4j serve --config FILE}, YAML): where to listen, which engines and apps, the
 * default collection, API keys and limits. Every field is optional; relative paths are resolved against
 * the file's folder. Unknown fields are errors naming the field and line.
 *
 * <pre>{@code
 * host: 127.0.0.1
 * port: 8080
 * engines: engines.yaml        # the front door's engine file; default: the embedded stack
 * apps: [apps/support.yaml]    # app files served beside the built-in apps
 * collection: guide            # searched by runs that name none
 * apiKeys: keys.txt            # one key a line; AYO4J_API_KEYS adds more
 * insecure: false              # allow a non-loopback host without keys
 * limits: {maxConcurrentRuns: 16, runDeadline: PT2M, maxBodyBytes: 1048576, maxUploadBytes: 33554432,
 *          maxQuestionChars: 16384, maxDocumentsPerUpload: 1000}
 * }</pre>
 *
 * @param host       address to bind; null for the default
 * @param port       port; null for the default
 * @param engines    engine file; null for the embedded stack
 * @param apps       app files
 * @param collection default collection; null for {@value #DEFAULT_COLLECTION}
 * @param apiKeys    key file; null for none (keys may still come from the environment)
 * @param insecure   allow a non-loopback host without keys
 * @param limits     limits; null for {@link Limits#DEFAULT}
 */
public record ServerConfig(@Nullable String host, @Nullable Integer port, @Nullable Path engines, List<Path> apps,
                           @Nullable String collection, @Nullable Path apiKeys, boolean insecure,
                           @Nullable LimitsFile limits) {
    /** The collection a server searches by default, holding the bundled guide unless it holds documents already. */
    public static final String DEFAULT_COLLECTION = "guide";
    /** No file: every default. */
    public static final ServerConfig DEFAULT = new ServerConfig(null, null, null, List.of(), null, null, false, null);

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()).findAndRegisterModules()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public ServerConfig {
        apps = apps == null ? List.of() : List.copyOf(apps);
    }

    /** Limits as a file gives them: any may be left out. */
    public record LimitsFile(@JsonProperty("maxBodyBytes") @Nullable Integer maxBodyBytes,
                             @JsonProperty("maxUploadBytes") @Nullable Integer maxUploadBytes,
                             @JsonProperty("maxQuestionChars") @Nullable Integer maxQuestionChars,
                             @JsonProperty("maxDocumentsPerUpload") @Nullable Integer maxDocumentsPerUpload,
                             @JsonProperty("maxConcurrentRuns") @Nullable Integer maxConcurrentRuns,
                             @JsonProperty("runDeadline") @Nullable String runDeadline) {
        Limits toLimits() {
            Limits d = Limits.DEFAULT;
            return new Limits(maxBodyBytes != null ? maxBodyBytes : d.maxBodyBytes(),
                    maxUploadBytes != null ? maxUploadBytes : d.maxUploadBytes(),
                    maxQuestionChars != null ? maxQuestionChars : d.maxQuestionChars(),
                    maxDocumentsPerUpload != null ? maxDocumentsPerUpload : d.maxDocumentsPerUpload(),
                    maxConcurrentRuns != null ? maxConcurrentRuns : d.maxConcurrentRuns(),
                    runDeadline != null ? Duration.parse(runDeadline) : d.runDeadline());
        }
    }

    /** The limits to apply. */
    public Limits effectiveLimits() {
        return limits == null ? Limits.DEFAULT : limits.toLimits();
    }

    /** The collection to search by default. */
    public String effectiveCollection() {
        return collection == null ? DEFAULT_COLLECTION : collection;
    }

    /**
     * Reads {@code file}.
     *
     * @throws IllegalArgumentException naming the file, line and field of what is wrong
     */
    public static ServerConfig load(Path file) {
        record Raw(@JsonProperty("host") @Nullable String host, @JsonProperty("port") @Nullable Integer port,
                   @JsonProperty("engines") @Nullable String engines, @JsonProperty("apps") @Nullable List<String> apps,
                   @JsonProperty("collection") @Nullable String collection,
                   @JsonProperty("apiKeys") @Nullable String apiKeys, @JsonProperty("insecure") boolean insecure,
                   @JsonProperty("limits") @Nullable LimitsFile limits) {}
        Raw raw;
        try {
            raw = YAML.readValue(Files.readString(file), Raw.class);
        } catch (JsonMappingException e) {
            String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> a + "." + b).orElse("?");
            throw new IllegalArgumentException(file + " line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr())
                    + ", field " + field + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the server file " + file + ": " + e.getMessage(), e);
        }
        if (raw == null) {
            return DEFAULT;
        }
        Path dir = file.toAbsolutePath().getParent();
        try {
            return new ServerConfig(raw.host(), raw.port(), raw.engines() == null ? null : dir.resolve(raw.engines()),
                    raw.apps() == null ? List.of() : raw.apps().stream().map(dir::resolve).toList(), raw.collection(),
                    raw.apiKeys() == null ? null : dir.resolve(raw.apiKeys()), raw.insecure(), raw.limits());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }
}
