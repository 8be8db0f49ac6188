package dev.assay.core.probe;

/**
 * What happened when the probe ran an external tool. A closed set so every caller says
 * what it does when the tool is missing or broken, instead of treating that as "no output".
 */
public sealed interface CommandOutcome {

    /** The tool ran to completion (with any exit code). */
    record Completed(int exitCode, String stdout, String stderr) implements CommandOutcome {
        public Completed {
            stdout = stdout == null ? "" : stdout;
            stderr = stderr == null ? "" : stderr;
        }

        /** Exit code 0. */
        public boolean ok() {
            return exitCode == 0;
        }

        /** First non-blank line of stderr, else of stdout, else "no output": for one-line reasons. */
        public String firstMessageLine() {
            for (String text : new String[] {stderr, stdout}) {
                for (String line : text.split("\\R")) {
                    if (!line.isBlank()) {
                        return line.strip();
                    }
                }
            }
            return "no output";
        }
    }

    /** The tool is not installed (not on PATH). */
    record NotFound(String reason) implements CommandOutcome {
        public NotFound {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("a missing command must say why (got blank reason)");
            }
        }
    }

    /** The tool could not be started or did not finish (I/O error, timeout). */
    record Failed(String reason) implements CommandOutcome {
        public Failed {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("a failed command must say why (got blank reason)");
            }
        }
    }
}
