package dev.ayo4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {
    @TempDir
    Path dir;

    @Test
    void keysComeFromTheFileAndTheEnvironmentAndOnlyTheyAreAccepted() throws Exception {
        Path file = Files.writeString(dir.resolve("keys"), "# team keys\nalpha\n\n  beta  \n");
        ApiKeys keys = ApiKeys.load(file, Map.of(ApiKeys.ENV, "gamma, delta"));
        for (String k : new String[] {"alpha", "beta", "gamma", "delta"}) {
            assertThat(keys.accepts("Bearer " + k)).as(k).isTrue();
        }
        assertThat(keys.accepts("bearer alpha")).isTrue();
        assertThat(keys.accepts("Bearer alph")).isFalse();
        assertThat(keys.accepts("alpha")).isFalse();
        assertThat(keys.accepts(null)).isFalse();
        assertThat(keys.toString()).doesNotContain("alpha");
    }

    @Test
    void noKeysLetEveryoneInAndAnEmptyKeyFileIsAnError() throws Exception {
        assertThat(ApiKeys.load(null, Map.of()).enabled()).isFalse();
        assertThat(ApiKeys.NONE.accepts(null)).isTrue();
        Path empty = Files.writeString(dir.resolve("empty"), "# nothing\n");
        assertThatThrownBy(() -> ApiKeys.load(empty, Map.of())).hasMessageContaining("holds no key");
        assertThatThrownBy(() -> ApiKeys.load(dir.resolve("missing"), Map.of())).hasMessageContaining("cannot read");
    }
}
