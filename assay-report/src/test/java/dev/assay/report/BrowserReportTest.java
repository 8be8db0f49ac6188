package dev.assay.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens reports in real headless Chromium (Debian package {@code chromium}). The page records
 * script errors into {@code <body data-errors>}; {@code --dump-dom} shows the DOM after load.
 * Without a browser the test fails when {@code CI=true} and is skipped (with the reason) locally.
 * It also leaves a screenshot in target/browser-report/ for a human to look at.
 */
class BrowserReportTest {
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("ASSAY_CHROMIUM", "/usr/bin/chromium"));
    private static final Path OUT = Path.of("target", "browser-report").toAbsolutePath();

    @TempDir
    Path tmp;

    @BeforeAll
    static void needsBrowser() {
        if (!Files.isExecutable(CHROMIUM)) {
            String why = CHROMIUM + " not found: install Debian's 'chromium' package (.ci/run does) or set ASSAY_CHROMIUM";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why);
            }
            System.err.println("SKIPPED BrowserReportTest: " + why);
            Assumptions.abort(why);
        }
    }

    @Test
    void reportLoadsWithoutScriptErrorsAndShowsCharts() throws Exception {
        Path dir = FixtureRun.create(OUT.resolve("run"));
        ReportWriter.write(dir, ReportWriterTest.FIXED);
        Path html = dir.resolve(ReportWriter.HTML);
        Result r = chromium(List.of("--dump-dom", html.toUri().toString()));
        String dom = r.stdout();
        assertTrue(dom.contains("data-loaded=\"1\""), "page finished loading and its script ran; stderr: " + r.stderr());
        assertEquals("0", attr(dom, "data-errors"), "script errors recorded by the page");
        assertFalse(r.stderr().contains("Uncaught"), "console errors: " + r.stderr());
        int charts = 0;
        int points = 0;
        Matcher m = Pattern.compile("<svg[^>]*class=\"chart\"[^>]*>(.*?)</svg>", Pattern.DOTALL).matcher(dom);
        while (m.find()) {
            charts++;
            int p = count(m.group(1), "<circle class=\"pt\"");
            assertTrue(p > 0 || m.group(1).contains("<polyline"), "chart without data in the DOM");
            points += p;
        }
        assertTrue(charts >= 8, "charts in the DOM: " + charts);
        assertTrue(points >= 50, "data points in the DOM: " + points);

        Path shot = OUT.resolve("report.png");
        Files.deleteIfExists(shot);
        Result s = chromium(List.of("--hide-scrollbars", "--window-size=1400,12000", "--screenshot=" + shot,
                html.toUri().toString()));
        assertTrue(Files.size(shot) > 50_000, "screenshot written; stderr: " + s.stderr());
    }

    @Test
    void hostileNamesDoNotExecute() throws Exception {
        Path dir = FixtureRun.create(tmp.resolve("run"), root -> {
            ((ObjectNode) root.path("results").get(0)).put("workload",
                    "<img src=x onerror=\"document.body.setAttribute('data-pwned','img')\">");
            root.put("suite", "<script>document.body.setAttribute('data-pwned','script')</script>");
            ((ObjectNode) root.path("executor").path("environment")).put("OMP_X",
                    "</code><script>document.body.setAttribute('data-pwned','env')</script>");
        });
        ReportWriter.write(dir, ReportWriterTest.FIXED);
        Result r = chromium(List.of("--dump-dom", dir.resolve(ReportWriter.HTML).toUri().toString()));
        assertTrue(r.stdout().contains("data-loaded=\"1\""), "page loaded; stderr: " + r.stderr());
        assertEquals("(absent)", attr(r.stdout(), "data-pwned"), "a hostile string executed");
        assertEquals("0", attr(r.stdout(), "data-errors"), "script errors recorded by the page");
        assertTrue(r.stdout().contains("&lt;img src=x onerror="), "hostile workload shown as text");
    }

    @Test
    void comparisonPageRenders() throws Exception {
        Path a = FixtureRun.create(tmp.resolve("a"));
        Path b = FixtureRun.create(tmp.resolve("b"), root -> {
            ObjectNode ex = (ObjectNode) root.path("executor");
            ex.put("fingerprint", "sha256:0000000000000000");
            ((ObjectNode) ex.path("host").path("cpu")).put("model", "AMD EPYC 9654 <b>96-Core</b>");
            ((ObjectNode) root.path("results").get(0)).put("precision", "int4");
            ObjectNode t = (ObjectNode) root.path("results").get(6).path("metrics").path("throughput");
            t.put("value", 19000.0).put("ciLow", 18600.0).put("ciHigh", 19400.0);
        });
        dev.assay.report.compare.Comparison c = dev.assay.report.compare.Compare.compare(List.of(a, b), 5.0);
        Path html = dev.assay.report.compare.CompareReport.write(c, OUT.resolve("compare"), "0.0.0-test").get(0);
        Result r = chromium(List.of("--dump-dom", html.toUri().toString()));
        assertTrue(r.stdout().contains("<h2>Rankings</h2>"), "compare page rendered; stderr: " + r.stderr());
        assertTrue(r.stdout().contains("precision differs: fp32 vs int4"));
        assertTrue(r.stdout().contains("AMD EPYC 9654 &lt;b&gt;96-Core&lt;/b&gt;"), "executor text escaped");
        Path shot = OUT.resolve("compare.png");
        Files.deleteIfExists(shot);
        chromium(List.of("--hide-scrollbars", "--window-size=1400,5000", "--screenshot=" + shot, html.toUri().toString()));
        assertTrue(Files.size(shot) > 20_000, "screenshot written");
    }

    private record Result(int exit, String stdout, String stderr) {
    }

    private Result chromium(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--enable-logging=stderr", "--v=0",
                "--user-data-dir=" + Files.createTempDirectory(tmp, "chromium-profile")));
        cmd.addAll(args);
        Path out = Files.createTempFile(tmp, "chromium", ".out");
        Path err = Files.createTempFile(tmp, "chromium", ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("chromium did not finish in 90 s: " + String.join(" ", cmd));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static String attr(String dom, String name) {
        Matcher m = Pattern.compile("<body[^>]*\\s" + name + "=\"([^\"]*)\"").matcher(dom);
        return m.find() ? m.group(1) : "(absent)";
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
