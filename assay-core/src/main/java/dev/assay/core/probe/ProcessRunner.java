package dev.assay.core.probe;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** The live side of {@link CommandRunner#system()}: PATH lookup, process, timeout. */
final class ProcessRunner {
    private ProcessRunner() {
    }

    /**
     * One virtual thread per pipe: the common pool has a single thread on a 2-core machine,
     * and a blocked stdout reader must never keep stderr from draining.
     */
    private static final Executor DRAINERS = r -> Thread.ofVirtual().name("assay-probe-drain").start(r);

    static CommandOutcome run(List<String> command, String path, Duration timeout) {
        String program = command.getFirst();
        if (!program.contains("/") && findOnPath(program, path) == null) {
            return new CommandOutcome.NotFound(program + " not on PATH");
        }
        Process p;
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().put("LC_ALL", "C"); // lscpu translates its keys in other locales
            p = pb.start();
        } catch (IOException e) {
            return new CommandOutcome.Failed(program + " could not be started: " + e.getMessage());
        }
        // Both pipes drained concurrently: a tool that fills stderr must not block on it.
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()), DRAINERS);
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()), DRAINERS);
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return new CommandOutcome.Failed(program + " did not finish within " + timeout.toSeconds() + " s");
            }
            return new CommandOutcome.Completed(p.exitValue(), out.get(), err.get());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return new CommandOutcome.Failed(program + " interrupted");
        } catch (ExecutionException e) {
            return new CommandOutcome.Failed(program + " output could not be read: " + e.getCause().getMessage());
        }
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path findOnPath(String program, String path) {
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
