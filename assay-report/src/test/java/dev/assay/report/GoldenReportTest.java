package dev.assay.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.md and results.csv of the hand-written fixture, with a fixed clock and version, must
 * match the committed golden files byte for byte. After an intended change, regenerate with
 * {@code mvn -pl assay-report -am test -Dtest=GoldenReportTest -Dsurefire.failIfNoSpecifiedTests=false -Dassay.updateGolden=true}
 * and review the diff.
 */
class GoldenReportTest {
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");

    @TempDir
    Path tmp;

    @Test
    void markdownAndCsvMatchGolden() throws Exception {
        Path dir = FixtureRun.create(tmp.resolve("run"));
        ReportWriter.ReportFiles files = ReportWriter.write(dir, ReportWriterTest.FIXED);
        check(files.markdown(), GOLDEN.resolve("report.md"));
        check(files.csv(), GOLDEN.resolve("results.csv"));
    }

    private static void check(Path actual, Path golden) throws Exception {
        String got = Files.readString(actual);
        if (Boolean.getBoolean("assay.updateGolden")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, got);
            return;
        }
        if (!Files.exists(golden)) {
            throw new AssertionError("golden file " + golden + " missing: regenerate with -Dassay.updateGolden=true");
        }
        assertEquals(Files.readString(golden), got, "output differs from " + golden
                + " (if intended, regenerate with -Dassay.updateGolden=true and review the diff)");
    }
}
