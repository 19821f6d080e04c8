// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ayo4j.Ayo4jException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusCollectionTest {
    @TempDir
    Path dir;

    /** "Aa" and "BB" have the same String.hashCode, which named the collections before. */
    @Test
    void foldersWhosePathHashCodesCollideGetDifferentCollections() throws IOException {
        Path aa = Files.createDirectories(dir.resolve("Aa/docs"));
        Path bb = Files.createDirectories(dir.resolve("BB/docs"));
        assertThat(aa.toString().hashCode()).isEqualTo(bb.toString().hashCode());

        try (CorpusCollection a = CorpusCollection.forFolder(dir.resolve("data"), aa);
             CorpusCollection b = CorpusCollection.forFolder(dir.resolve("data"), bb)) {
            assertThat(a.name()).startsWith("docs-").isNotEqualTo(b.name());
            assertThat(a.source()).isEqualTo(aa.toRealPath().toString());
            assertThat(dir.resolve("data").resolve(a.name() + ".source")).content().contains(a.source());
        }
    }

    @Test
    void refusesACollectionRecordedForAnotherSource() {
        Path data = dir.resolve("data");
        CorpusCollection.open(data, "notes-1", "/home/a/notes").close();

        assertThatThrownBy(() -> CorpusCollection.open(data, "notes-1", "/home/b/notes"))
                .isInstanceOf(Ayo4jException.class)
                .hasMessageContaining("holds /home/a/notes, not /home/b/notes")
                .hasMessageContaining("delete " + data.resolve("notes-1"));
        CorpusCollection.open(data, "notes-1", "/home/a/notes").close();
    }

    @Test
    void aCollectionInUseIsRefusedNamingTheProcessThatHoldsIt() {
        Path data = dir.resolve("data");
        try (CorpusCollection held = CorpusCollection.open(data, "notes-1", "/home/a/notes")) {
            assertThatThrownBy(() -> CorpusCollection.open(data, "notes-1", "/home/a/notes"))
                    .isInstanceOf(Ayo4jException.class)
                    .hasMessageContaining("collection notes-1 of /home/a/notes is in use by another ayo4j process")
                    .hasMessageContaining("pid " + ProcessHandle.current().pid());
        }
        CorpusCollection.open(data, "notes-1", "/home/a/notes").close();
    }
}
