package dev.assay.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.api.AssayException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
    static final ReportWriter.Options FIXED = new ReportWriter.Options(
            Clock.fixed(Instant.parse("2025-06-02T10:00:00Z"), ZoneOffset.UTC), "0.0.0-test");

    @TempDir
    Path tmp;

    @Test
    void writesHtmlMarkdownAndCsvWithEverySection() throws Exception {
        Path dir = FixtureRun.create(tmp.resolve("run"));
        ReportWriter.ReportFiles files = ReportWriter.write(dir, FIXED);
        String html = Files.readString(files.html());
        for (String id : new String[] {"verdicts", "executor", "inference", "training", "roofline", "energy",
                "capability", "results", "definitions"}) {
            assertTrue(html.contains("<section id=\"" + id + "\">"), "section " + id);
        }
        // verdicts at the top: the INVALID recommendation appears before the executor section
        int rec = html.indexOf("run at least 462 more queries");
        assertTrue(rec > 0 && rec < html.indexOf("<section id=\"executor\">"), "recommendation in the verdict section");
        assertTrue(html.indexOf("NOT_IMPLEMENTED") < html.indexOf("<section id=\"executor\">"), "unsupported reason at the top");
        // charts: spectra, saturation, roofline, training curves, each with data points
        Matcher m = Pattern.compile("<svg [^>]*data-points=\"(\\d+)\"").matcher(html);
        int charts = 0;
        while (m.find()) {
            charts++;
            assertTrue(Integer.parseInt(m.group(1)) > 0, "chart without points: " + m.group());
        }
        assertTrue(charts >= 8, "expected spectra, saturation, roofline and training charts, got " + charts);
        assertTrue(html.contains("saturation: 356 QPS"), "saturation point marked");
        assertTrue(html.contains("memory bandwidth 41.8 GB/s"), "roofline bandwidth slope");
        assertTrue(html.contains("target reached at 22.5 s"), "time-to-quality point on the accuracy curve");
        // self-contained: no external references
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "external reference");
        assertFalse(html.contains("<link"), "no linked resources");
        assertTrue(html.contains("Content-Security-Policy"));
        assertTrue(Files.readString(files.markdown()).contains("## Training"));
        assertEquals(14, Files.readAllLines(files.csv()).size(), "header + 13 results");
    }

    @Test
    void hostileStringsRenderAsText() throws Exception {
        String evil = "<script>alert(1)</script>";
        Path dir = FixtureRun.create(tmp.resolve("run"), root -> {
            ((ObjectNode) root.path("results").get(0)).put("workload", evil);
            root.put("suite", evil);
            ((ObjectNode) root.path("executor").path("environment")).put("OMP_EVIL", "\"><img src=x onerror=alert(2)>");
            root.withArray("warnings").add(evil);
        });
        ReportWriter.ReportFiles files = ReportWriter.write(dir, FIXED);
        String html = Files.readString(files.html());
        assertFalse(html.contains(evil), "raw script tag in HTML");
        assertFalse(html.contains("<img src=x"), "raw img tag in HTML");
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "escaped text present");
        String md = Files.readString(files.markdown());
        assertFalse(md.contains("<script>"), "raw script tag in Markdown");
        String csv = Files.readString(files.csv());
        assertTrue(csv.contains(evil), "CSV keeps the text as data");
    }

    @Test
    void partialRunRendersNotInThisRun() throws Exception {
        Path dir = tmp.resolve("partial");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("run.json"), "{\"status\":\"interrupted\",\"results\":[{\"phase\":\"inference\"},"
                + "{\"phase\":\"training\",\"metrics\":{\"mfu\":{\"reason\":\"no measured peak\"}}}]}");
        ReportWriter.ReportFiles files = ReportWriter.write(dir, FIXED);
        String html = Files.readString(files.html());
        assertTrue(html.contains("Run status: interrupted"));
        assertTrue(html.contains("not in this run"));
        assertTrue(html.contains("not computed: no measured peak"));
        assertTrue(Files.readString(files.markdown()).contains("not in this run"));
    }

    @Test
    void missingDirectoryOrRunJsonIsBadInput() throws Exception {
        AssayException a = assertThrows(AssayException.class, () -> ReportWriter.write(tmp.resolve("nope"), FIXED));
        assertEquals(AssayException.Kind.BAD_INPUT, a.kind());
        AssayException b = assertThrows(AssayException.class, () -> ReportWriter.write(tmp, FIXED));
        assertEquals(AssayException.Kind.BAD_INPUT, b.kind());
        assertTrue(b.getMessage().contains("no run.json"), b.getMessage());
        Files.writeString(tmp.resolve("run.json"), "{ not json");
        AssayException c = assertThrows(AssayException.class, () -> ReportWriter.write(tmp, FIXED));
        assertEquals(AssayException.Kind.BAD_INPUT, c.kind());
    }
}
