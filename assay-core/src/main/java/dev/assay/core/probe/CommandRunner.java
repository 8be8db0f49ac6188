package dev.assay.core.probe;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs an external tool for the probe ({@code nvidia-smi}, {@code lscpu},
 * {@code systemd-detect-virt}). A function so tests inject recorded output instead of
 * needing the hardware the recording came from.
 */
@FunctionalInterface
public interface CommandRunner {

    /** Runs {@code command} (program first) and says what happened; never throws. */
    CommandOutcome run(List<String> command);

    /** The real runner: looks the program up on PATH, runs it with a timeout. */
    static CommandRunner system() {
        return system(System.getenv("PATH"), Duration.ofSeconds(15));
    }

    /** The real runner with an explicit PATH and time limit. */
    static CommandRunner system(String path, Duration timeout) {
        return command -> ProcessRunner.run(command, path, timeout);
    }

    /** A runner that has no tools at all: every command is "not on PATH". */
    static CommandRunner none() {
        return command -> new CommandOutcome.NotFound(command.getFirst() + " not on PATH");
    }

    /**
     * A runner that answers from recordings keyed by the full command line joined with
     * single spaces; anything not recorded is "not on PATH".
     */
    static CommandRunner recorded(Map<String, CommandOutcome> byCommandLine) {
        Map<String, CommandOutcome> copy = Map.copyOf(byCommandLine);
        return command -> {
            CommandOutcome o = copy.get(String.join(" ", command));
            return o != null ? o : new CommandOutcome.NotFound(command.getFirst() + " not on PATH");
        };
    }
}
