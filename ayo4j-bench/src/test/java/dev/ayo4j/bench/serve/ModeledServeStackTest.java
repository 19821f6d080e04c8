// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ayo4j.api.Ayo4j;
import dev.ayo4j.api.CollectionCatalog;
import dev.ayo4j.api.Inputs;
import dev.ayo4j.api.Result;
import dev.ayo4j.app.EngineBinding;
import dev.ayo4j.app.Role;
import dev.ayo4j.bench.app.Engines;
import dev.ayo4j.bench.devices.DeviceCosts;
import dev.ayo4j.bench.devices.LinearCost;
import dev.ayo4j.local.Document;
import dev.ayo4j.testkit.TestingEngine;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The modeled stack hands its devices to an ayo4j entry point that ingests, lists and answers on them. */
class ModeledServeStackTest {
    private static final DeviceCosts COSTS = new DeviceCosts(new LinearCost(1_000, 10), 100, 7_000,
            new LinearCost(500, 1), new LinearCost(0, 50), new LinearCost(200, 0), new LinearCost(300, 2),
            new LinearCost(100, 2));

    @Test
    void theServersEntryPointRunsOnTheModeledDevicesAndListsWhatItIngested() {
        AtomicLong modeledNanos = new AtomicLong();
        EmbeddingModel none = segments -> Response.from(segments.stream().map(_ -> Embedding.from(new float[] {1f}))
                .toList());
        try (ModeledServeStack stack = new ModeledServeStack(real(), COSTS, 0.1, modeledNanos::addAndGet, none,
                "modeled (test)");
             Ayo4j ayo = stack.openAyo4j()) {
            CollectionCatalog.IngestReport r = ayo.collections().ingest("corpus", IntStream.range(0, 5)
                    .mapToObj(i -> new Document("doc" + i, "passage " + i + " about cells dividing")).toList());
            assertThat(ayo.collections().list()).containsExactly(new CollectionCatalog.CollectionInfo("corpus",
                    r.passages()));
            long beforeRun = modeledNanos.get();
            Result result = ayo.prepare("advanced-rag").run(Inputs.question("Do cells divide?").collection("corpus"));
            assertThat(result.answer()).isNotBlank();
            assertThat(result.sources()).isNotEmpty();
            assertThat(modeledNanos.get()).as("time charged on the devices by the run").isGreaterThan(beforeRun);
        }
    }

    /** Engines whose names and capabilities the devices copy. */
    private static Engines real() {
        EngineBinding names = EngineBinding.DEFAULT;
        return new Engines(TestingEngine.builder(names.engine(Role.LLM)).maxBatchSize(1).maxConcurrency(2).build(),
                TestingEngine.builder(names.engine(Role.EMBEDDER)).build(),
                TestingEngine.builder(names.engine(Role.RERANKER)).build(),
                TestingEngine.builder(names.engine(Role.VECTORS)).build());
    }
}
