// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.api.ConfigFileException;
import dev.ayo4j.bench.app.Placement;
import dev.ayo4j.bench.app.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench app --app FILE}: an app file as a workload, and clear errors for a bad one before anything runs. */
class AppBenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void anAppFileIsAWorkloadWithItsOwnName() throws IOException {
        Path file = Files.writeString(dir.resolve("short-rag.yaml"), """
                app: short-rag
                inputs:
                  question: text
                modules:
                  - search: {queries: question, k: 5, into: candidates}
                  - rerank: {query: question, passages: candidates, k: 2, into: context}
                  - generate:
                      template: "Answer from {{context}}: {{question}}"
                      maxTokens: 16
                      into: answer
                outputs: [answer, context]
                """);
        Workload w = AppBenchCommand.workload(file.toString());
        assertThat(w.label()).isEqualTo("short-rag");
        assertThat(w.searchesCorpus()).isTrue();
        assertThat(w.answerTokens(dev.ayo4j.app.AppOptions.DEFAULT)).isEqualTo(16);
        assertThat(AppBenchCommand.workload("advanced-rag")).isSameAs(Workload.ADVANCED_RAG);
    }

    @Test
    void aBadAppFileIsRefusedNamingTheFileLineAndField() throws IOException {
        Path typo = Files.writeString(dir.resolve("typo.yaml"), """
                app: typo
                inputs:
                  question: text
                modules:
                  - search: {queries: questoin, k: 5, into: candidates}
                outputs: [candidates]
                """);
        assertThatThrownBy(() -> AppBenchCommand.workload(typo.toString())).isInstanceOf(ConfigFileException.class)
                .hasMessageContaining("typo.yaml").hasMessageContaining("5").hasMessageContaining("questoin");

        Path missing = dir.resolve("nowhere.yaml");
        assertThatThrownBy(() -> AppBenchCommand.workload(missing.toString())).isInstanceOf(ConfigFileException.class)
                .hasMessageContaining("nowhere.yaml").hasMessageContaining("cannot read the app file");

        Path noAnswer = Files.writeString(dir.resolve("no-answer.yaml"), """
                app: no-answer
                inputs:
                  question: text
                modules:
                  - search: {queries: question, k: 5, into: candidates}
                outputs: [candidates]
                """);
        assertThatThrownBy(() -> AppBenchCommand.workload(noAnswer.toString()))
                .hasMessageContaining("app file " + noAnswer).hasMessageContaining("last module must be a generate");
    }

    @Test
    void placementsRunTheFirstForEverySystemAndAddAyo4jOnEachOther() {
        AppBenchCommand command = new AppBenchCommand();
        parse(command, "--placement", "pinned,shared");
        assertThat(AppBenchCommand.placements(command.placementNames))
                .containsExactly(Placement.PINNED, Placement.SHARED);
        parse(command);
        assertThat(AppBenchCommand.placements(command.placementNames)).containsExactly(Placement.PINNED);

        String line = AppBenchCommand.describe(List.of(Placement.SHARED, Placement.PINNED),
                new Placement.Threads(1, 1), 2);
        assertThat(line).startsWith("shared: LLM 2 thread(s); embedder and reranker 2 thread(s) each")
                .contains("langchain4j-stock: LangChain4j's stock models").contains("the LLM of the shared placement")
                .contains("ayo4j-pinned: engines of its own placed pinned: LLM 1 thread(s)");
        assertThat(AppBenchCommand.describe(List.of(Placement.PINNED), new Placement.Threads(1, 1), 2))
                .contains("the LLM of the pinned placement").doesNotContain("ayo4j-shared");
        parse(command, "--placement", "pinned,shared,split");
        assertThat(AppBenchCommand.describe(AppBenchCommand.placements(command.placementNames),
                new Placement.Threads(1, 1), 2))
                .contains("ayo4j-split: engines of its own placed split: LLM 1 thread(s) decoding, 2 for prompts, "
                        + "not polling, embedder and reranker 1 each");

        assertThatThrownBy(() -> AppBenchCommand.placements(List.of("shared", "shared")))
                .hasMessageContaining("--placement names each placement once");
        assertThatThrownBy(() -> AppBenchCommand.placements(List.of("everywhere")))
                .hasMessageContaining("unknown placement 'everywhere'");
    }

    /** As {@code ayo4j} parses its options (enum values in any case). */
    private static void parse(AppBenchCommand command, String... args) {
        new picocli.CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
    }
}
