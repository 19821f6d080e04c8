// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.encoders.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {
    private static final String KEY = "0123456789abcdef0123";
    private static final String OTHER = "fedcba9876543210fedc";

    @TempDir
    Path dir;

    @Test
    void allowsOnlyABearerHeaderWithAKey() {
        ApiKeys keys = ApiKeys.of(List.of(KEY, OTHER));

        assertThat(keys.enabled()).isTrue();
        assertThat(keys.allows("Bearer " + KEY)).isTrue();
        assertThat(keys.allows("bearer " + OTHER)).isTrue();
        assertThat(keys.allows("Bearer " + KEY + "x")).isFalse();
        assertThat(keys.allows(KEY)).isFalse();
        assertThat(keys.allows(null)).isFalse();
        assertThat(ApiKeys.none().allows(null)).isTrue();
        assertThat(keys.toString()).doesNotContain(KEY);
    }

    @Test
    void loadsKeysFromAFileElseFromTheEnvironment() throws IOException {
        Path file = Files.writeString(dir.resolve("keys"), "# team keys\n\n" + KEY + "\n");

        assertThat(ApiKeys.load(file, Map.of(ApiKeys.ENV, OTHER)).allows("Bearer " + KEY)).isTrue();
        assertThat(ApiKeys.load(file, Map.of(ApiKeys.ENV, OTHER)).allows("Bearer " + OTHER)).isFalse();
        ApiKeys env = ApiKeys.load(null, Map.of(ApiKeys.ENV, KEY + ", " + OTHER));
        assertThat(env.allows("Bearer " + OTHER)).isTrue();
        assertThat(ApiKeys.load(null, Map.of()).enabled()).isFalse();
        assertThatThrownBy(() -> ApiKeys.fromFile(dir.resolve("missing"))).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> ApiKeys.of(List.of("short"))).hasMessageContaining("at least 16 characters");
    }

    @Test
    void refusesANonLoopbackAddressWithoutKeysUnlessInsecure() {
        ApiKeys.checkListenAddress("127.0.0.1", ApiKeys.none(), false);
        ApiKeys.checkListenAddress("localhost", ApiKeys.none(), false);
        ApiKeys.checkListenAddress("0.0.0.0", ApiKeys.of(List.of(KEY)), false);
        ApiKeys.checkListenAddress("0.0.0.0", ApiKeys.none(), true);

        assertThatThrownBy(() -> ApiKeys.checkListenAddress("0.0.0.0", ApiKeys.none(), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refusing to listen on 0.0.0.0")
                .hasMessageContaining("--api-keys FILE or AYO4J_API_KEYS").hasMessageContaining("--insecure");
    }
}
