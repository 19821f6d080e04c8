// SPDX-License-Identifier: Apache-2.0
package dev.ayo4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in headless Chromium against a real server on the embedded engines: the key prompt, the
 * graph of an app after the passes (fitted to its panel), a question run live in the playground optimized
 * and then unoptimized with the speedup, and the operations view (the server's runs, the engines, the
 * charts of the last minutes, the reports), as a person sees them; screenshots go to {@code
 * target/console-screenshots}. Skipped where Debian's {@code chromium} and {@code chromium-driver} are not
 * installed.
 */
class ConsoleBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SHOTS = Path.of("target", "console-screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static EmbeddedServer s;
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "headless browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                        + " (Debian packages chromium and chromium-driver)");
        s = EmbeddedServer.start(dir, Limits.DEFAULT);
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1600,1000");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (s != null) {
            s.close();
        }
    }

    @Test
    void aPersonEntersTheKeySeesTheOptimizedGraphAndWatchesAQuestionRun() throws Exception {
        browser.get(s.uri.resolve("/").toString());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));

        // The server wants a key: the page asks for it rather than failing.
        wait.until(d -> d.findElement(By.id("key-dialog")).getAttribute("open") != null);
        shot("1-key-prompt");
        browser.findElement(By.id("key-input")).sendKeys(EmbeddedServer.KEY);
        browser.findElement(By.id("key-ok")).click();
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded")));
        assertThat(browser.executeScript("return sessionStorage.getItem('ayo4j.apiKey')")).isEqualTo(EmbeddedServer.KEY);
        assertThat(browser.getCurrentUrl()).doesNotContain(EmbeddedServer.KEY);

        // Apps: the list, and advanced-rag's graph before and after the passes.
        List<String> apps = browser.findElements(By.cssSelector("#app-list li")).stream().map(WebElement::getText).toList();
        assertThat(apps).contains("advanced-rag", "naive-rag");
        browser.findElement(By.cssSelector("#app-list li[data-app='advanced-rag']")).click();
        wait.until(d -> d.findElement(By.id("app-title")).getText().equals("advanced-rag")
                && d.findElement(By.id("explain")).getText().contains("advanced-rag"));
        String explain = JSON.readTree(s.get("/v1/apps/advanced-rag/explain").body()).get("explain").asText();
        List<List<String>> stages = stageNodes(explain);
        wait.until(d -> drawnNodes("graph-after").size() == stages.getLast().size());
        shotWhole("2-apps-advanced-rag");
        assertThat(drawnNodes("graph-before")).containsExactlyInAnyOrderElementsOf(stages.getFirst());
        assertThat(drawnNodes("graph-after")).containsExactlyInAnyOrderElementsOf(stages.getLast());
        assertThat(stages.getLast()).isNotEqualTo(stages.getFirst());
        assertThat(edgeKinds("graph-after")).contains("STREAM", "COMPLETION");

        assertThat(((Number) js("const s = document.getElementById('graph-after').parentElement;"
                + "return s.scrollWidth - s.clientWidth;")).intValue()).as("the optimized graph scrolls sideways").isZero();

        // Playground: a question, run live optimized, then unoptimized; a bar for every primitive of each run,
        // the answer, its sources, and the speedup.
        browser.findElement(By.id("tab-playground")).click();
        assertThat(browser.findElement(By.id("compare")).isSelected()).as("compare is on by default").isTrue();
        WebElement question = browser.findElement(By.id("question"));
        question.clear();
        question.sendKeys("How are vectors stored?");
        browser.findElement(By.id("run-button")).click();
        wait.until(d -> "running".equals(d.findElement(By.tagName("body")).getAttribute("data-run-state")));
        wait.until(d -> "idle".equals(d.findElement(By.tagName("body")).getAttribute("data-run-state")));
        assertThat(browser.findElement(By.id("run-status")).getText()).contains("done").doesNotContain("Failed");
        assertThat(browser.findElement(By.id("plain-status")).getText()).contains("done").doesNotContain("Failed");
        assertThat(browser.findElement(By.id("answer")).getText()).isEqualTo(EmbeddedServer.ANSWER);
        assertThat(browser.findElements(By.cssSelector("#sources li"))).isNotEmpty();
        assertThat(browser.findElement(By.cssSelector("#sources li .doc")).getText()).startsWith("topics/");
        String id = browser.findElement(By.id("gantt")).getAttribute("data-run-id");
        String plainId = browser.findElement(By.id("gantt-plain")).getAttribute("data-run-id");
        assertThat(plainId).isNotEmpty().isNotEqualTo(id);
        checkGantt("gantt", id, true);
        checkGantt("gantt-plain", plainId, false);
        WebElement speedup = browser.findElement(By.id("speedup"));
        assertThat(speedup.isDisplayed()).isTrue();
        JsonNode plainRun = JSON.readTree(s.get("/v1/runs/" + plainId).body());
        JsonNode optimizedRun = JSON.readTree(s.get("/v1/runs/" + id).body());
        double expected = plainRun.get("timings").get("end_to_end_ms").asDouble()
                / optimizedRun.get("timings").get("end_to_end_ms").asDouble();
        assertThat(Double.parseDouble(speedup.getAttribute("data-speedup"))).isCloseTo(expected,
                org.assertj.core.data.Offset.offset(0.01));
        assertThat(speedup.getText()).contains(String.format(java.util.Locale.ROOT, "%.2f×", expected), id, plainId);
        assertThat(plainRun.get("optimized").asBoolean()).isFalse();
        assertThat(optimizedRun.get("optimized").asBoolean()).isTrue();
        shotWhole("3-playground-run");

        // Operations: both runs from the server's list, the engines, the charts, the reports.
        Files.writeString(s.reports.resolve("runs-report.html"), "<html><body>runs report</body></html>");
        browser.findElement(By.id("tab-operations")).click();
        wait.until(d -> !d.findElements(By.cssSelector("#runs tbody tr[data-run='" + plainId + "']")).isEmpty()
                && !d.findElements(By.cssSelector("#runs tbody tr[data-run='" + id + "']")).isEmpty());
        String row = browser.findElement(By.cssSelector("#runs tbody tr[data-run='" + id + "']")).getText();
        assertThat(row).contains(id, "advanced-rag", "optimized", "succeeded");
        assertThat(browser.findElement(By.cssSelector("#runs tbody tr[data-run='" + plainId + "']")).getText())
                .contains("unoptimized", "succeeded");
        wait.until(d -> d.findElements(By.cssSelector("#engines tbody tr")).size() >= 4);
        List<String> engines = browser.findElements(By.cssSelector("#engines tbody tr")).stream()
                .map(e -> e.getAttribute("data-engine")).toList();
        assertThat(engines).contains("llm", "embedder", "reranker", "vectors");
        assertThat(browser.findElement(By.cssSelector("#engines tbody tr[data-engine='llm']")).getText())
                .as("what the LLM serves").contains("llama.cpp", ".gguf", "2 at once");
        assertThat(browser.getCurrentUrl()).as("the view's address").endsWith("#operations");
        wait.until(d -> points("chart-latency") > 0 && points("chart-host") > 0 && points("chart-busy") > 0);
        wait.until(d -> !d.findElements(By.cssSelector("#reports a[data-report='runs-report.html']")).isEmpty());
        shotWhole("4-operations");
        // A report opens in a new tab, fetched with the key (a plain link could not send it).
        String console = browser.getWindowHandle();
        browser.findElement(By.cssSelector("#reports a[data-report='runs-report.html']")).click();
        wait.until(d -> d.getWindowHandles().size() == 2);
        String report = browser.getWindowHandles().stream().filter(h -> !h.equals(console)).findFirst().orElseThrow();
        browser.switchTo().window(report);
        wait.until(d -> d.findElement(By.tagName("body")).getText().contains("runs report"));
        browser.close();
        browser.switchTo().window(console);
        browser.findElement(By.id("metrics-link")).click();
        wait.until(d -> d.findElement(By.id("metrics")).getText().contains("ayo4j_runs_total"));

        // A reload keeps the view (its address) and gets the files the browser holds as 304 Not Modified.
        browser.navigate().refresh();
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded")));
        assertThat(browser.findElement(By.id("view-operations")).isDisplayed()).as("#operations after a reload").isTrue();
        assertThat(browser.findElement(By.id("view-apps")).isDisplayed()).isFalse();

        assertThat(consoleErrors()).as("JavaScript console errors").isEmpty();
    }

    /** The Gantt chart {@code chart} has a bar for every primitive of run {@code id}'s trace. */
    private static void checkGantt(String chart, String id, boolean sawRunning) throws Exception {
        JsonNode trace = JSON.readTree(s.get("/v1/runs/" + id + "/trace").body());
        Set<String> traced = new HashSet<>();
        trace.get("events").forEach(e -> traced.add(e.get("node").asText()));
        WebElement el = browser.findElement(By.id(chart));
        assertThat(Integer.parseInt(el.getAttribute("data-bars"))).as(chart).isEqualTo(trace.get("events").size());
        assertThat(ganttRows(chart)).as(chart).containsExactlyInAnyOrderElementsOf(traced);
        if (sawRunning) {
            assertThat(el.getAttribute("data-saw-running"))
                    .as("a bar was drawn while its primitive ran, before the run was done").isEqualTo("true");
        }
    }

    private static int points(String chart) {
        String p = browser.findElement(By.id(chart)).getAttribute("data-points");
        return p == null ? 0 : Integer.parseInt(p);
    }

    /** Each explain stage's node ids, in order of the stages; an unchanged stage has its predecessor's. */
    private static List<List<String>> stageNodes(String explain) {
        List<List<String>> stages = new ArrayList<>();
        for (String line : explain.split("\n")) {
            if (line.startsWith("== ")) {
                stages.add(new ArrayList<>());
            } else if (line.strip().equals("(unchanged)")) {
                stages.getLast().addAll(stages.get(stages.size() - 2));
            } else if (!stages.isEmpty() && line.startsWith("  ") && line.contains(": ")) {
                stages.getLast().add(line.strip().substring(0, line.strip().indexOf(": ")));
            }
        }
        assertThat(stages).as("explain stages").hasSizeGreaterThan(1);
        return stages;
    }

    @SuppressWarnings("unchecked")
    private static List<String> drawnNodes(String chart) {
        return (List<String>) js("const c = echarts.getInstanceByDom(document.getElementById(arguments[0]));"
                + "return c ? c.getOption().series[0].data.map(d => d.name) : [];", chart);
    }

    @SuppressWarnings("unchecked")
    private static List<String> edgeKinds(String chart) {
        return (List<String>) js("const c = echarts.getInstanceByDom(document.getElementById(arguments[0]));"
                + "return c.getOption().series[1].data.map(e => e.kind);", chart);
    }

    @SuppressWarnings("unchecked")
    private static List<String> ganttRows(String chart) {
        return (List<String>) js("return echarts.getInstanceByDom(document.getElementById(arguments[0]))"
                + ".getOption().series[0].data.map(d => d.name);", chart);
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    /** Console errors, less the 401s of the API calls made before the key was entered (the expected prompt). */
    private static List<String> consoleErrors() {
        List<String> out = new ArrayList<>();
        for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue() && !e.getMessage().contains("status of 401")) {
                out.add(e.getMessage());
            }
        }
        return out;
    }

    /** A screenshot of the whole page, however tall: the window grows to the page for it. */
    private static void shotWhole(String name) throws Exception {
        org.openqa.selenium.Dimension before = browser.manage().window().getSize();
        long height = ((Number) js("return document.documentElement.scrollHeight;")).longValue();
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(before.getWidth(),
                (int) Math.max(before.getHeight(), height + 140)));
        Thread.sleep(300);
        shot(name);
        browser.manage().window().setSize(before);
    }

    private static void shot(String name) throws Exception {
        File f = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
