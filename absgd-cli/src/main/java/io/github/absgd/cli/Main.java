package io.github.absgd.cli;

import io.github.absgd.train.CheckpointFile;
import io.github.absgd.train.RunExistsException;
import io.github.absgd.train.RunMismatchException;
import io.github.absgd.train.TrainingDivergedException;
import io.github.absgd.util.AbsgdException;
import io.github.absgd.util.InvalidSettingException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

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
        cli.setParameterExceptionHandler((ex, arguments) -> badArguments(ex, verbose));
        try {
            configureDefaults(cli, args);
        } catch (UserError | AbsgdException e) {
            return report(e, cli.getErr(), verbose);
        }
        return cli.execute(args);
    }

    /**
     * Every option's default comes from the run specification; {@code eval} takes the data options
     * of the checkpoint's run, and {@code --config FILE} a sub-command's defaults (options given on
     * the command line still win).
     */
    private static void configureDefaults(CommandLine cli, String[] args) {
        JsonConfigDefaults defaults = JsonConfigDefaults.ofSpecification();
        CommandLine sub = args.length == 0 ? null : cli.getSubcommands().get(args[0]);
        Path checkpoint = JsonConfigDefaults.pathArgument(args, "--checkpoint");
        if (sub != null && args[0].equals("eval") && checkpoint != null) {
            // eval reads the data the run was trained on unless told otherwise
            var state = CheckpointFile.readState(EvalCommand.checkpointFile(checkpoint));
            defaults = defaults.with(state.config().path("data"), null);
        }
        Path config = JsonConfigDefaults.configArgument(args);
        if (sub != null && config != null && sub.getCommandSpec().findOption("--config") != null) {
            defaults = defaults.with(JsonConfigDefaults.read(config, sub.getCommandSpec()), config);
        }
        for (CommandLine command : cli.getSubcommands().values()) {
            command.setDefaultValueProvider(defaults);
        }
    }

    /** One clear line for the user's mistakes and for failures; a stack trace only with --verbose. */
    static int report(Exception ex, PrintWriter err, boolean verbose) {
        if (verbose) {
            ex.printStackTrace(err);
        }
        if (ex instanceof UserError userError) {
            return oneLine(err, userError.getMessage(), userError.exitCode());
        }
        if (ex instanceof AbsgdException problem) {
            return oneLine(err, inCommandLineTerms(problem), problem instanceof TrainingDivergedException ? 4 : 2);
        }
        String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        if (message.contains("native library")) {
            message += nativeLibraryHint();
        }
        err.println("absgd: " + message + (verbose ? "" : " (run with --verbose for details)"));
        err.flush();
        return 1;
    }

    /**
     * A mistyped option or a bad value: one line naming it (and the --config file and key when the
     * value came from there), the closest options, and where to read more; exit 2.
     */
    private static int badArguments(CommandLine.ParameterException ex, boolean verbose) {
        CommandLine command = ex.getCommandLine();
        PrintWriter err = command.getErr();
        if (verbose) {
            ex.printStackTrace(err);
        }
        String message = ex.getMessage().replaceAll("\\s+", " ").strip();
        if (ex.getArgSpec() instanceof OptionSpec option
                && command.getDefaultValueProvider() instanceof JsonConfigDefaults defaults
                && defaults.givenInConfigFile(option.longestName().substring(2))
                && (command.getParseResult() == null || !command.getParseResult().hasMatchedOption(option))) {
            message = defaults.configFile() + ": key \"" + option.longestName().substring(2) + "\": "
                    + message.replaceFirst("^Invalid value for option '[^']*': ", "");
        }
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            message += " (did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?)";
        }
        return oneLine(err, message + "; see '" + command.getCommandSpec().qualifiedName() + " --help'", 2);
    }

    private static int oneLine(PrintWriter err, String message, int exitCode) {
        err.println("absgd: " + message);
        err.flush();
        return exitCode;
    }

    /**
     * The library names settings as the specification does (the one at fault first, others in
     * backquotes); on the command line they are options: {@code --name}.
     */
    static String inCommandLineTerms(AbsgdException problem) {
        return problem.getMessage() == null ? problem.getClass().getSimpleName()
                : describe(problem).replaceAll("`([a-z0-9-]+)`", "--$1");
    }

    private static String describe(AbsgdException problem) {
        if (problem instanceof InvalidSettingException setting) {
            return "--" + setting.setting() + " " + setting.problem();
        }
        if (problem instanceof RunExistsException exists) {
            return exists.directory() + " already holds a run (" + CheckpointFile.FILE_NAME
                    + "); add --resume to continue it, or choose another --out";
        }
        if (problem instanceof RunMismatchException mismatch) {
            return "the run in " + mismatch.directory() + " was started with other options ("
                    + String.join("; ", mismatch.differences().stream().map(d -> "--" + d).toList())
                    + "); resume it with the same options, or choose another --out";
        }
        return problem.getMessage();
    }

    /** libtorch unpacks into DJL's cache on first use; a missing or full cache is the usual cause. */
    private static String nativeLibraryHint() {
        String cache = System.getenv("DJL_CACHE_DIR");
        String where = cache == null ? "DJL's cache directory (DJL_CACHE_DIR is not set)" : "DJL_CACHE_DIR=" + cache;
        return "; libtorch unpacks (about 450 MB) into " + where + ": check that it exists, is writable and has room";
    }
}
