package dev.assay.core.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The live runner against real processes (sh, sleep): exit codes, both pipes, timeouts. */
class CommandRunnerTest {

    private final CommandRunner runner = CommandRunner.system(System.getenv("PATH"), Duration.ofSeconds(10));

    @Test
    void drainsAFullStderrPipeAndKeepsTheExitCode() {
        // 200 kB on stderr is more than a pipe buffer holds: a runner reading only stdout would hang.
        CommandOutcome o = runner.run(List.of("sh", "-c", "head -c 200000 /dev/zero | tr '\\0' x >&2; echo out; exit 3"));
        var c = assertInstanceOf(CommandOutcome.Completed.class, o);
        assertEquals(3, c.exitCode());
        assertEquals("out\n", c.stdout());
        assertEquals(200000, c.stderr().length());
    }

    @Test
    void timesOut() {
        CommandOutcome o = CommandRunner.system(System.getenv("PATH"), Duration.ofMillis(300)).run(List.of("sleep", "5"));
        var f = assertInstanceOf(CommandOutcome.Failed.class, o);
        assertTrue(f.reason().contains("did not finish"), f.reason());
    }

    @Test
    void firstMessageLinePrefersStderr() {
        assertEquals("boom", new CommandOutcome.Completed(1, "out", "\n  boom \nmore").firstMessageLine());
        assertEquals("no output", new CommandOutcome.Completed(1, "", "").firstMessageLine());
    }
}
