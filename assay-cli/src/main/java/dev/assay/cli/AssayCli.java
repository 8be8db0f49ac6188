package dev.assay.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code assay} command. Exit codes are a contract: 0 success, 1 the run
 * completed but a validity or SLO assertion failed, 2 bad input.
 */
@Command(name = "assay", mixinStandardHelpOptions = true, versionProvider = AssayCli.Version.class,
        description = "Decision-grade benchmark evidence for AI executors.",
        subcommands = {
                // Each command registers here, one line each.
                CommandLine.HelpCommand.class,
                ProbeCommand.class,
                ListCommand.class,
                ReportCommand.class,
                CompareCommand.class,
                RooflineCommand.class,
                RunCommand.class,
                SelfTestCommand.class,
        })
public final class AssayCli implements Runnable {
    /** Exit code: success. */
    public static final int OK = 0;
    /** Exit code: run completed but a validity or SLO assertion failed. */
    public static final int ASSERTION_FAILED = 1;
    /** Exit code: bad input. */
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns the exit code (tests call this instead of main). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new AssayCli());
        // A wrong flag or value is one line on stderr and exit 2, not a usage dump.
        cli.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("assay: " + ex.getMessage() + " (see 'assay "
                    + ex.getCommandLine().getCommandName() + " --help')");
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler(new Failures());
        return cli.execute(args);
    }

    /** The tool version from the jar manifest, or "dev" when run from classes. */
    static String toolVersion() {
        String v = AssayCli.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** Reports the tool version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"assay " + toolVersion()};
        }
    }
}
