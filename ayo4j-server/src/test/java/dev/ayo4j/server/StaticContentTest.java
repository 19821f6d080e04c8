// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's static files as a browser fetches them again: a reload sends the ETag it holds, and the
 * server answers 304 Not Modified (it answered 500 "internal error", so a reload showed an error page);
 * a missing file is a 404 in the API's error shape.
 */
class StaticContentTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private Ayo4jServer server;

    @BeforeEach
    void start() {
        server = Ayo4jServer.builder().port(0).service(TestingAppService::new).build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path, String ifNoneMatch) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path));
        if (ifNoneMatch != null) {
            b.header("If-None-Match", ifNoneMatch);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aReloadWithTheETagIsNotModified() throws Exception {
        HttpResponse<String> first = get("/", null);
        assertThat(first.statusCode()).isEqualTo(200);
        String etag = first.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> again = get("/", etag);

        assertThat(again.statusCode()).as(again.body()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(get("/", "\"another\"").statusCode()).as("a stale ETag gets the file").isEqualTo(200);
    }

    @Test
    void aMissingStaticFileIsA404() throws Exception {
        HttpResponse<String> r = get("/webjars/no-such-library/1.0/none.js", null);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
        assertThat(r.body()).contains("\"error\"");
    }
}
