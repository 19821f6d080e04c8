// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.encoders.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ayo4j.NonRetriableEngineException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A remote encoder speaking Hugging Face TEI's {@code POST /embed} (a TEI server or {@code ayo4j serve
 * encoder}), called with {@code truncate=true, normalize=true}. A refused connection, a timeout, a 429 or a
 * 5xx is a {@link MemberFailedException}; another 4xx fails the batch naming the server's answer.
 */
final class RemoteMember implements Member {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final Duration timeout;
    private final HttpClient client;

    RemoteMember(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public String name() {
        return base.toString();
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("inputs", texts);
        body.put("truncate", true);
        body.put("normalize", true);
        HttpResponse<byte[]> response;
        try {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/embed")).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new MemberFailedException("remote encoder " + base + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MemberFailedException("interrupted calling remote encoder " + base, e);
        }
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
            throw new MemberFailedException("remote encoder " + base + " answered " + status, null);
        }
        try {
            JsonNode tree = JSON.readTree(response.body());
            if (status != 200) {
                throw new NonRetriableEngineException("remote encoder " + base + " refused the batch (" + status + "): "
                        + tree.path("error").asText(tree.toString()));
            }
            if (!tree.isArray() || tree.size() != texts.size()) {
                throw new MemberFailedException("remote encoder " + base + " sent " + tree.size() + " vectors for "
                        + texts.size() + " texts", null);
            }
            List<float[]> out = new ArrayList<>(texts.size());
            for (JsonNode row : tree) {
                float[] v = new float[row.size()];
                for (int d = 0; d < v.length; d++) {
                    v[d] = (float) row.get(d).asDouble();
                }
                out.add(v);
            }
            return out;
        } catch (IOException e) {
            throw new MemberFailedException("remote encoder " + base + " sent malformed JSON: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean healthy() {
        try {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/health")).timeout(timeout).GET().build();
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public boolean blocksInNative() {
        return false;
    }

    @Override
    public void close() {
        client.close();
    }
}
