// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.app.App;
import dev.ayo4j.app.AppOptions;
import dev.ayo4j.app.Apps;
import dev.ayo4j.app.QueryShape;
import dev.ayo4j.app.Role;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class AppFilesTest {
    private static final String GOOD = """
            app: my-rag
            collection: guide
            options: {searchK: 20}
            inputs:
              question: text
            modules:
              - search: {queries: question, k: $searchK, into: candidates}
              - rerank: {query: question, passages: candidates, k: 3, into: context}
              - generate:
                  template: "Question: {{question}}\\nContext:\\n{{context}}\\nAnswer:"
                  maxTokens: 64
                  into: answer
                  engines: {llm: big}
            outputs: [answer, context]
            """;

    @Test
    void readsAnAppWithItsCollectionOptionsAndBindings() {
        App app = AppFiles.parse("my-rag.yaml", GOOD, Map.of("searchK", "7"));
        assertThat(app.name()).isEqualTo("my-rag");
        assertThat(app.collection()).isEqualTo("guide");
        assertThat(app.inputs()).containsKeys("question", Apps.INDEX.name());
        assertThat(app.engines().engine("generate", Role.LLM)).isEqualTo("big");
        assertThat(app.engines().engine("search", Role.EMBEDDER)).isEqualTo("embedder");
        assertThat(app.lower(QueryShape.ofPassages(0)).nodes()).anyMatch(n -> n.op()
                instanceof dev.ayo4j.primitive.Primitive.VectorSearch v && v.topK() == 7);
    }

    @Test
    void builtInAppFilesDescribeExactlyTheBuiltInApps() {
        QueryShape shape = new QueryShape(0, 150, 24);
        assertThat(BuiltInApps.load("advanced-rag", Map.of()).lower(shape).explain())
                .isEqualTo(Apps.advancedRagOverCollection(AppOptions.DEFAULT).lower(shape).explain());
        assertThat(BuiltInApps.load("naive-rag", Map.of()).lower(shape).explain())
                .isEqualTo(Apps.naiveRagOverCollection(AppOptions.DEFAULT).lower(shape).explain());
        assertThat(BuiltInApps.load("multi-call", Map.of()).lower(shape).explain())
                .isEqualTo(Apps.multiCall(AppOptions.DEFAULT).lower(shape).explain());
        assertThat(BuiltInApps.load("advanced-rag", Map.of("expansions", "5", "contextOrder", "arrival")).lower(shape)
                .explain()).isEqualTo(Apps.advancedRagOverCollection(AppOptions.DEFAULT.withExpansions(5)
                .withContextOrder(dev.ayo4j.app.ContextOrder.ARRIVAL)).lower(shape).explain());
    }

    @Test
    void malformedYamlNamesTheFileAndLine() {
        assertThatThrownBy(() -> AppFiles.parse("bad.yaml", "app: x\ninputs: {question: text\nmodules: []\n", Map.of()))
                .isInstanceOf(ConfigFileException.class).hasMessageStartingWith("bad.yaml:")
                .hasMessageContaining("malformed YAML");
    }

    /** What parsing {@link #GOOD}, with {@code from} replaced by {@code to}, throws: a {@link ConfigFileException}. */
    private static AbstractThrowableAssert<?, ? extends Throwable> parsingGoodWith(String from, String to) {
        return assertThatThrownBy(() -> AppFiles.parse("my-rag.yaml", GOOD.replace(from, to), Map.of()))
                .isInstanceOf(ConfigFileException.class);
    }

    @Test
    void anUnknownModuleNamesItsLine() {
        parsingGoodWith("- rerank:", "- rerankk:")
                .hasMessageStartingWith("my-rag.yaml:8: modules[1]: unknown module 'rerankk'");
    }

    @Test
    void anUnknownPlaceholderNamesTheTemplateField() {
        parsingGoodWith("{{context}}", "{{ctx}}")
                .hasMessageStartingWith("my-rag.yaml:10: modules[2].generate.template: unknown placeholder {{ctx}}");
    }

    @Test
    void aTypeMismatchNamesTheModuleField() {
        parsingGoodWith("passages: candidates", "passages: question")
                .hasMessageStartingWith("my-rag.yaml:8: modules[1].rerank.passages:")
                .hasMessageContaining("of kind TEXT");
    }

    @Test
    void aMissingInputIsNamed() {
        parsingGoodWith("{query: question,", "{query: topic,")
                .hasMessageStartingWith("my-rag.yaml:8: modules[1].rerank.query: 'topic' is neither an input")
                .hasMessageContaining("missing input");
    }

    @Test
    void aNonNumericSizeAndAnUnknownOptionAreNamed() {
        parsingGoodWith("k: 3", "k: three")
                .hasMessageStartingWith("my-rag.yaml:8: modules[1].rerank.k: expected a whole number");
        assertThatThrownBy(() -> AppFiles.parse("my-rag.yaml", GOOD, Map.of("topK", "3")))
                .hasMessageContaining("no option 'topK' to override");
    }
}
