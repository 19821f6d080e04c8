// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.telemetry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Collector that scrapes a remote engine's {@code /metrics} and re-exports its own series beside ayo4j's:
 * vLLM's {@code vllm:*}, SGLang's {@code sglang:*}, llama.cpp server's {@code llamacpp:*} and Hugging Face
 * TEI's {@code te_*}. Names and labels are kept as the engine wrote them, plus {@code instance} (the engine's
 * {@code host:port}); histogram buckets are left out (their {@code _sum} and {@code _count} stay), so that
 * re-exporting does not multiply series.
 */
public final class EngineScraper implements Collector {
    /** Prefixes of the engine series that are re-exported. */
    public static final List<String> PREFIXES = List.of("vllm:", "sglang:", "llamacpp:", "te_");
    /** How long a scrape may take. */
    public static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final URI url;
    private final String instance;
    private final HttpClient client;
    private volatile String status;

    /** Scrapes {@code url}; a URL without a path gets {@code /metrics}. */
    public EngineScraper(URI url, HttpClient client) {
        Objects.requireNonNull(url, "url");
        if (url.getScheme() == null || url.getHost() == null) {
            throw new IllegalArgumentException("engine metrics URL needs a scheme and a host, e.g. "
                    + "http://127.0.0.1:8000/metrics: " + url);
        }
        this.url = url.getPath() == null || url.getPath().isEmpty() || url.getPath().equals("/")
                ? url.resolve("/metrics") : url;
        int port = url.getPort() >= 0 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
        this.instance = url.getHost() + ":" + port;
        this.client = Objects.requireNonNull(client, "client");
    }

    /** The URL scraped. */
    public URI url() {
        return url;
    }

    @Override
    public String source() {
        return "scrape";
    }

    @Override
    public List<Sample> collect() {
        HttpResponse<String> r;
        try {
            r = client.send(HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            status = "cannot scrape " + url + ": " + e;
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = "interrupted scraping " + url;
            return List.of();
        }
        if (r.statusCode() != 200) {
            status = "scraping " + url + " answered HTTP " + r.statusCode();
            return List.of();
        }
        status = null;
        return reexport(PrometheusText.parse(r.body()).samples());
    }

    /** The engine series of {@code samples}, labelled with this engine's instance. */
    List<Sample> reexport(List<Sample> samples) {
        List<Sample> out = new ArrayList<>();
        for (Sample s : samples) {
            if (PREFIXES.stream().noneMatch(s.metric()::startsWith) || s.metric().endsWith("_bucket")
                    || s.labels().containsKey("quantile")) {
                continue;
            }
            TreeMap<String, String> labels = new TreeMap<>(s.labels());
            labels.put("instance", instance);
            out.add(new Sample(s.metric(), s.type(), labels, s.value()));
        }
        return out;
    }

    @Override
    public String status() {
        return status;
    }
}
