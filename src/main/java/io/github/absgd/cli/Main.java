package io.github.absgd.cli;

import io.github.absgd.UserError;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;

/** Entry point of {@code bin/absgd}. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (tests call this instead of main). */
    public static int run(String... args) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        CommandLine cli = new CommandLine(new AbsgdCommand());
        cli.setExecutionExceptionHandler(
                (ex, commandLine, parseResult) -> report(ex, commandLine.getErr(), verbose));
        return cli.execute(args);
    }

    /** One clear line for the user's mistakes and for failures; a stack trace only with --verbose. */
    static int report(Exception ex, PrintWriter err, boolean verbose) {
        if (verbose) {
            ex.printStackTrace(err);
        }
        if (ex instanceof UserError userError) {
            err.println("absgd: " + userError.getMessage());
            err.flush();
            return userError.exitCode();
        }
        String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        err.println("absgd: " + message + (verbose ? "" : " (run with --verbose for details)"));
        err.flush();
        return 1;
    }
}
