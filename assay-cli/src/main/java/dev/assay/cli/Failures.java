package dev.assay.cli;

import dev.assay.api.AssayException;
import picocli.CommandLine;

/**
 * Turns exceptions escaping a command into one line on stderr and an exit code: bad input
 * is 2; anything else is a failure of the tool or backend, also one line (stack trace only
 * with ASSAY_DEBUG=1) so the user sees what happened without a wall of Java.
 */
final class Failures implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, CommandLine.ParseResult parsed) {
        if (System.getenv("ASSAY_DEBUG") != null) {
            ex.printStackTrace(cli.getErr());
        }
        if (ex instanceof AssayException ae) {
            cli.getErr().println("assay: " + ae.getMessage());
            return ae.kind() == AssayException.Kind.BAD_INPUT ? AssayCli.BAD_INPUT : AssayCli.ASSERTION_FAILED;
        }
        cli.getErr().println("assay: internal error: " + ex + " (set ASSAY_DEBUG=1 for the stack trace)");
        return 3;
    }
}
