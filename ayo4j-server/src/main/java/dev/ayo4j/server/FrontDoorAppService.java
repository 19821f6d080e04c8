// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.server;

import dev.ayo4j.api.Ayo4j;
import dev.ayo4j.api.CollectionCatalog;
import dev.ayo4j.api.EngineInfo;
import dev.ayo4j.api.Inputs;
import dev.ayo4j.primitive.Port;
import dev.ayo4j.api.PreparedApp;
import dev.ayo4j.api.Result;
import dev.ayo4j.api.StreamListener;
import dev.ayo4j.app.Role;
import dev.ayo4j.encoders.policies.EncoderPolicyConfig;
import dev.ayo4j.encoders.pool.EncoderPool;
import dev.ayo4j.encoders.server.EncoderProtocol;
import dev.ayo4j.engine.onnx.BundledEncoder;
import dev.ayo4j.engine.onnx.EncoderModel;
import dev.ayo4j.engine.onnx.EncoderOptions;
import dev.ayo4j.local.Document;
import dev.ayo4j.observability.Observability;
import dev.ayo4j.observability.files.TraceFiles;
import dev.ayo4j.plan.Passes;
import dev.ayo4j.runtime.Ayo4jRuntime;
import dev.ayo4j.runtime.EngineScheduler;
import dev.ayo4j.runtime.RunListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The {@link AppService} of an {@link Ayo4j} entry point: its apps, prepared once each, run with the
 * request's collection or the server's default; its collection catalog; and, for the embedding routes,
 * an encoder pool on the bundled all-MiniLM-L6-v2 (the embedded stack's embedder). Owns and closes both.
 */
final class FrontDoorAppService implements AppService {
    /** The {@code system} column of the trace rows the server writes. */
    static final String TRACE_SYSTEM = "ayo4j";
    private final Ayo4j ayo;
    private final String defaultCollection;
    private final Map<String, PreparedApp> apps = new LinkedHashMap<>();
    /** Each app with no pass, for runs that ask for the unoptimized baseline. */
    private final Map<String, PreparedApp> unoptimized = new LinkedHashMap<>();
    private final Map<String, AppInfo> infos = new LinkedHashMap<>();
    private final EncoderModel encoderModel;
    private final EncoderPool encoders;
    private final EncoderProtocol protocol;
    private final AtomicLong ids = new AtomicLong();
    private final @Nullable Observability observability;
    private final @Nullable TraceFiles traces;
    private final Map<String, RunListener> traceListeners = new ConcurrentHashMap<>();

    FrontDoorAppService(Ayo4j ayo, String defaultCollection, int encoderThreads, @Nullable Observability observability,
                        @Nullable TraceFiles traces) {
        this.ayo = ayo;
        this.observability = observability;
        this.traces = traces;
        if (observability != null) {
            observability.bind(ayo.runtime());
        }
        this.defaultCollection = defaultCollection;
        Set<String> llms = ayo.engines().stream().filter(e -> e.roles().contains(Role.LLM)).map(EngineInfo::name)
                .collect(Collectors.toUnmodifiableSet());
        for (String name : ayo.apps()) {
            PreparedApp p = ayo.prepare(name);
            apps.put(name, p);
            unoptimized.put(name, p.withPasses(Passes.NONE));
            boolean searches = p.inputs().stream().noneMatch(k -> k.name().equals("passages"));
            infos.put(name, new AppInfo(name, p.inputs().stream().map(Port::name).toList(),
                    p.outputs().stream().map(Port::name).toList(), searches ? defaultCollection : null, llms));
        }
        this.encoderModel = EncoderModel.bundled(BundledEncoder.ALL_MINILM_L6_V2,
                EncoderOptions.DEFAULTS.withThreads(encoderThreads));
        this.encoders = EncoderPool.builder("encoders").policy("arlo", EncoderPolicyConfig.DEFAULT)
                .local(encoderModel).build();
        this.protocol = new EncoderProtocol(encoders, EncoderProtocol.Limits.DEFAULT);
    }

    @Override
    public List<AppInfo> apps() {
        return List.copyOf(infos.values());
    }

    @Override
    public AppInfo app(String name) {
        AppInfo a = infos.get(name);
        if (a == null) {
            throw ApiException.notFound("model_not_found", "model", "unknown app '" + Names.abbreviate(name)
                    + "'; apps: " + infos.keySet());
        }
        return a;
    }

    @Override
    public String explain(String app) {
        app(app);
        return apps.get(app).explain();
    }

    @Override
    public RunHandle start(RunRequest request, StreamListener listener) {
        AppInfo info = app(request.app());
        Inputs inputs = Inputs.question(request.question()).deadline(request.deadline());
        if (info.collection() != null) {
            String c = Names.requireCollection(request.collection() != null ? request.collection() : defaultCollection);
            if (ayo.collections().list().stream().noneMatch(x -> x.name().equals(c) && x.passages() > 0)) {
                throw ApiException.notFound("collection_not_found", "collection", "collection '" + c
                        + "' holds no documents; upload documents to it first");
            }
            inputs = inputs.collection(c);
        }
        PreparedApp app = (request.optimize() ? apps : unoptimized).get(request.app());
        CompletableFuture<Result> result = app.stream(inputs.listener(observers(request)), listener);
        String id = "run-" + ids.incrementAndGet();
        return new RunHandle() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public CompletableFuture<Result> outcome() {
                return result;
            }

            @Override
            public void cancel() {
                result.cancel(true);
            }
        };
    }

    /** What observes one run: its app's metrics and span (child of the caller's trace), its trace rows. */
    private RunListener observers(RunRequest request) {
        RunListener l = RunListener.NONE;
        if (observability != null) {
            l = observability.listener(request.app(), Observability.extract(request.traceContext()));
        }
        if (traces != null) {
            l = l.andThen(traceListeners.computeIfAbsent(request.app(), a -> traces.listener(a, TRACE_SYSTEM)));
        }
        return l;
    }

    @Override
    public IngestReport ingest(String collection, List<Upload> documents) {
        CollectionCatalog.IngestReport r = ayo.collections().ingest(Names.requireCollection(collection),
                documents.stream().map(u -> new Document(u.id(), u.text())).toList());
        return new IngestReport(r.documents(), r.passages());
    }

    @Override
    public int delete(String collection, String id) {
        return ayo.collections().delete(Names.requireCollection(collection), id);
    }

    @Override
    public List<CollectionInfo> collections() {
        return ayo.collections().list().stream().map(c -> new CollectionInfo(c.name(), c.passages())).toList();
    }

    @Override
    public Optional<EncoderProtocol> encoders() {
        return Optional.of(protocol);
    }

    @Override
    public List<EngineLoad> engineLoads() {
        Ayo4jRuntime runtime = ayo.runtime();
        List<EngineLoad> out = new ArrayList<>();
        for (String name : runtime.engineNames()) {
            EngineScheduler s = runtime.scheduler(name);
            out.add(new EngineLoad(name, s.engine().description(), s.engine().capabilities().maxConcurrency(),
                    s.queued(), s.inFlight(), s.inFlightTasks(), s.busyNanos(), runtime.ticker().read()));
        }
        return out;
    }

    @Override
    public void close() {
        try (encoderModel; encoders; ayo) {
            // closed in reverse order: the entry point (runtime and engines), the pool, its model
        }
    }


}
