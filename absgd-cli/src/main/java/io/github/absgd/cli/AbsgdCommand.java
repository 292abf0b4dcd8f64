package io.github.absgd.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code absgd} command line: one sub-command per job. */
@Command(
        name = "absgd",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Imbalance-robust training on the JVM: ABSGD, ABAdam and long-tail baselines on DJL.",
        subcommands = {
            TrainCommand.class,
            EvalCommand.class,
            ExportCommand.class,
            PredictCommand.class,
            CompareCommand.class,
            SweepCommand.class,
            DataCommand.class,
            ConformanceCommand.class,
            BenchCommand.class,
            BenchDataCommand.class,
            CommandLine.HelpCommand.class
        })
public final class AbsgdCommand implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
