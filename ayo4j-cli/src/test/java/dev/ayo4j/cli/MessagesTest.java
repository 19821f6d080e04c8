// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.Ayo4jException;
import dev.ayo4j.local.Chunker;
import dev.ayo4j.local.Corpus;
import dev.ayo4j.local.CorpusLoader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What run and demo say to people: questions, skipped files and cut documents. */
class MessagesTest {
    @TempDir
    Path dir;

    private static InputStream stdin(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheQuestionFromAFileOrStandardInputAndRefusesABlankOne() throws IOException {
        QuestionOptions q = new QuestionOptions();
        q.questionFile = Files.writeString(dir.resolve("q.txt"), "  why is the sky blue?\n").toString();
        assertThat(q.question(null, stdin(""))).isEqualTo("why is the sky blue?");

        q.questionFile = "-";
        assertThat(q.question(null, stdin("from stdin\n"))).isEqualTo("from stdin");
        assertThatThrownBy(() -> q.question(null, stdin(" \n\t"))).hasMessage("the question is empty (read from standard input)");

        QuestionOptions none = new QuestionOptions();
        assertThat(none.question("the default", stdin(""))).isEqualTo("the default");
        assertThatThrownBy(() -> none.question(null, stdin(""))).hasMessageContaining("--question-file FILE");
        none.question = "   ";
        assertThatThrownBy(() -> none.question(null, stdin(""))).hasMessage("the question is empty");
        none.questionFile = "x";
        assertThatThrownBy(() -> none.question(null, stdin(""))).hasMessageContaining("not both");

        QuestionOptions missing = new QuestionOptions();
        missing.questionFile = dir.resolve("nope.txt").toString();
        assertThatThrownBy(() -> missing.question(null, stdin(""))).hasMessageContaining("does not exist");
    }

    @Test
    void summarisesCutDocumentsInOneLineAndListsSkippedFiles() throws IOException {
        Path docs = Files.createDirectories(dir.resolve("docs"));
        for (int i = 0; i < 200; i++) {
            Files.writeString(docs.resolve("doc" + i + ".md"), "word ".repeat(100 + i));
        }
        Files.write(docs.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xe9});
        Corpus corpus = new CorpusLoader(new Chunker(64)).load(docs);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        CorpusSummary.print(corpus, 64, new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(out.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "skipped latin1.txt: not UTF-8 text: invalid byte sequence at offset 3; convert it to UTF-8"
                        + " (e.g. iconv -t UTF-8)",
                "200 documents longer than 64 words cut into 721 passages (longest: doc199.md, 299 words)");
    }

    @Test
    void aFolderWithNothingReadableNamesTheSkippedFilesWithoutRecordSyntax() throws IOException {
        Path docs = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(docs.resolve("blank.md"), "   ");

        assertThatThrownBy(() -> new CorpusLoader(new Chunker(64)).load(docs)).isInstanceOf(Ayo4jException.class)
                .hasMessageContaining("skipped blank.md (blank document)").hasMessageNotContaining("Skipped[");
    }
}
