// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.bench;

import dev.ayo4j.primitive.OutputFormat;
import dev.ayo4j.primitive.Primitive;
import dev.ayo4j.spi.AbstractEngine;
import dev.ayo4j.spi.Batch;
import dev.ayo4j.spi.EngineCapabilities;
import dev.ayo4j.spi.GenerationStream;
import dev.ayo4j.spi.Passage;
import dev.ayo4j.spi.Signal;
import dev.ayo4j.spi.Task;
import dev.ayo4j.spi.TaskResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Engine that does no work and answers at once with well-formed values, so that a benchmark run on it
 * measures only ayo4j's own overhead: planning and scheduling ({@code bench runtime}), and the server's HTTP
 * and JSON per request ({@code bench serve}). It exists for those measurements alone; every other
 * benchmark and the demo run real engines.
 */
public final class NoOpEngine extends AbstractEngine {
    private static final EngineCapabilities CAPABILITIES = new EngineCapabilities(
            Set.of(Primitive.Embed.class, Primitive.Ingest.class, Primitive.VectorSearch.class, Primitive.Rerank.class,
                    Primitive.Prefill.class, Primitive.PartialPrefill.class),
            64, 1 << 20, 64);

    public NoOpEngine(String name) {
        super(name, CAPABILITIES);
    }

    @Override
    public List<TaskResult> execute(Batch batch) {
        List<TaskResult> results = new ArrayList<>(batch.size());
        for (Task task : batch.tasks()) {
            results.add(TaskResult.success(answer(task)));
        }
        return results;
    }

    private static Object answer(Task task) {
        return switch (task.op()) {
            case Primitive.Embed _ -> {
                List<String> texts = task.input(Primitive.Embed.TEXTS);
                yield texts.stream().map(_ -> new float[] {1f}).toList();
            }
            case Primitive.Ingest _, Primitive.PartialPrefill _ -> Signal.done("no-op");
            case Primitive.VectorSearch s -> IntStream.range(0, s.topK())
                    .mapToObj(i -> new Passage("p" + i, "passage " + i, 1.0 / (i + 1), "no-op")).toList();
            case Primitive.Rerank r -> {
                List<Passage> in = task.input(Primitive.Rerank.PASSAGES);
                yield in.subList(0, Math.min(r.topK(), in.size()));
            }
            case Primitive.Prefill p -> {
                GenerationStream stream = new GenerationStream();
                task.publish().accept(stream);
                stream.markPrefilled(1);
                stream.append(switch (p.format()) {
                    case OutputFormat.FreeText _ -> "ok";
                    case OutputFormat.JsonList l -> IntStream.range(0, l.items()).mapToObj(i -> "\"q" + i + "\"")
                            .collect(Collectors.joining(",", "[", "]"));
                }, 1);
                stream.complete();
                yield stream;
            }
            case Primitive.Input _, Primitive.Output _, Primitive.Decode _, Primitive.DecodeItem _, Primitive.Step _,
                 Primitive.Aggregate _ -> throw new IllegalArgumentException(
                    "primitive runs in place, not on an engine: " + task.op().kindName());
        };
    }

    @Override
    public void close() {}
}
