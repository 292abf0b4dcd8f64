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
        cli.setUsageHelpWidth(110);
        cli.setExecutionExceptionHandler(
                (ex, commandLine, parseResult) -> report(ex, commandLine.getErr(), verbose));
        try {
            configureDefaults(cli, args);
        } catch (UserError e) {
            return report(e, cli.getErr(), verbose);
        }
        return cli.execute(args);
    }

    /** {@code --config FILE} supplies a sub-command's defaults (command-line options still win). */
    private static void configureDefaults(CommandLine cli, String[] args) {
        java.nio.file.Path checkpoint = JsonConfigDefaults.pathArgument(args, "--checkpoint");
        if (args.length > 0 && args[0].equals("eval") && checkpoint != null) {
            // eval reads the data the run was trained on unless told otherwise
            var state = io.github.absgd.train.CheckpointFile.readState(EvalCommand.checkpointFile(checkpoint));
            cli.getSubcommands().get("eval").setDefaultValueProvider(JsonConfigDefaults.of(state.config().path("data")));
        }
        java.nio.file.Path config = JsonConfigDefaults.configArgument(args);
        if (config == null || args.length == 0) {
            return;
        }
        CommandLine sub = cli.getSubcommands().get(args[0]);
        if (sub != null && sub.getCommandSpec().findOption("--config") != null) {
            sub.setDefaultValueProvider(JsonConfigDefaults.read(config, sub.getCommandSpec()));
        }
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
        if (message.contains("native library")) {
            message += nativeLibraryHint();
        }
        err.println("absgd: " + message + (verbose ? "" : " (run with --verbose for details)"));
        err.flush();
        return 1;
    }

    /** libtorch unpacks into DJL's cache on first use; a missing or full cache is the usual cause. */
    private static String nativeLibraryHint() {
        String cache = System.getenv("DJL_CACHE_DIR");
        String where = cache == null ? "DJL's cache directory (DJL_CACHE_DIR is not set)" : "DJL_CACHE_DIR=" + cache;
        return "; libtorch unpacks (about 450 MB) into " + where + ": check that it exists, is writable and has room";
    }
}
