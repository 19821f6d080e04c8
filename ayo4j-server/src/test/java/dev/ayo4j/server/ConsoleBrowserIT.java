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
 * graph of an app after the passes, a question run live in the playground, and the operations table, as
 * a person sees them; screenshots go to {@code target/console-screenshots}. Skipped where Debian's
 * {@code chromium} and {@code chromium-driver} are not installed.
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
        shot("2-apps-advanced-rag");
        assertThat(drawnNodes("graph-before")).containsExactlyInAnyOrderElementsOf(stages.getFirst());
        assertThat(drawnNodes("graph-after")).containsExactlyInAnyOrderElementsOf(stages.getLast());
        assertThat(stages.getLast()).isNotEqualTo(stages.getFirst());
        assertThat(edgeKinds("graph-after")).contains("STREAM", "COMPLETION");

        // Playground: a question, run live; a bar for every primitive of the run, the answer, its sources.
        browser.findElement(By.id("tab-playground")).click();
        WebElement question = browser.findElement(By.id("question"));
        question.clear();
        question.sendKeys("How are vectors stored?");
        browser.findElement(By.id("run-button")).click();
        wait.until(d -> "idle".equals(d.findElement(By.tagName("body")).getAttribute("data-run-state")));
        assertThat(browser.findElement(By.id("run-status")).getText()).contains("done").doesNotContain("Failed");
        assertThat(browser.findElement(By.id("answer")).getText()).isEqualTo(EmbeddedServer.ANSWER);
        assertThat(browser.findElements(By.cssSelector("#sources li"))).isNotEmpty();
        assertThat(browser.findElement(By.cssSelector("#sources li .doc")).getText()).startsWith("topics/");
        String id = browser.findElement(By.id("gantt")).getAttribute("data-run-id");
        JsonNode trace = JSON.readTree(s.get("/v1/runs/" + id + "/trace").body());
        Set<String> traced = new HashSet<>();
        trace.get("events").forEach(e -> traced.add(e.get("node").asText()));
        assertThat(Integer.parseInt(browser.findElement(By.id("gantt")).getAttribute("data-bars")))
                .isEqualTo(trace.get("events").size());
        assertThat(ganttRows()).containsExactlyInAnyOrderElementsOf(traced);
        assertThat(browser.findElement(By.id("gantt")).getAttribute("data-saw-running"))
                .as("a bar was drawn while its primitive ran, before the run was done").isEqualTo("true");
        shot("3-playground-run");

        // Operations: the run, with its timings from the server's run store.
        browser.findElement(By.id("tab-operations")).click();
        wait.until(d -> !d.findElements(By.cssSelector("#runs tbody tr")).isEmpty());
        String row = browser.findElement(By.cssSelector("#runs tbody tr")).getText();
        assertThat(row).contains(id, "advanced-rag", "succeeded");
        browser.findElement(By.id("metrics-link")).click();
        wait.until(d -> d.findElement(By.id("metrics")).getText().contains("ayo4j_runs_total"));
        shot("4-operations");

        assertThat(consoleErrors()).as("JavaScript console errors").isEmpty();
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
    private static List<String> ganttRows() {
        return (List<String>) js("return echarts.getInstanceByDom(document.getElementById('gantt'))"
                + ".getOption().series[0].data.map(d => d.name);");
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

    private static void shot(String name) throws Exception {
        File f = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
