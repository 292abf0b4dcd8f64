package io.github.absgd.cli;

import io.github.absgd.conformance.ConformanceResult;
import io.github.absgd.conformance.ConformanceRunner;
import io.github.absgd.conformance.GoldenCase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code absgd conformance FILE...}: replays golden trajectories through the library. */
@Command(
        name = "conformance",
        mixinStandardHelpOptions = true,
        header = "Replay golden ABSGD/ABAdam trajectories through this library.",
        description = {
            "Replays golden ABSGD/ABAdam trajectories (schema absgd-golden/1) through this library's",
            "loss, weighting and optimizer on a DJL linear model in float32, and checks every number.",
            "Without FILE it replays the set bundled with the library (the authors' semantics, float64).",
            "With --splits K every batch is split into K shards of unequal sizes whose losses and gradients",
            "are computed separately and summed (as on K devices, or K accumulated micro-batches): the",
            "weights must still be the whole batch's, u must advance once a step, with the same tolerances.",
            "Prints one line per file: NAME steps=N max_dev=X PASS|FAIL (first failing step and quantity).",
            "Exit code: 0 all pass, 1 any fails, 2 a file cannot be read or is not of the schema."
        })
final class ConformanceCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "golden JSON files (default: the bundled set)")
    List<Path> files;

    @Option(names = "--splits", paramLabel = "K", defaultValue = "1",
            description = "shards per batch, in proportion 1 : 2 : ... : K (default: ${DEFAULT-VALUE}, the whole batch)")
    int splits;

    @Option(names = "--verbose", description = "print stack traces of errors")
    boolean verbose;

    @Override
    public Integer call() {
        if (splits < 1) {
            throw new UserError("--splits must be at least 1, got " + splits);
        }
        if (files == null || files.isEmpty()) {
            return replay(GoldenCase.bundled());
        }
        List<GoldenCase> cases = new ArrayList<>();
        for (Path file : files) {
            if (file.getFileName().toString().equals("long_tail_counts.json")) {
                continue; // lives beside the trajectories but is a different schema
            }
            cases.add(GoldenCase.read(file)); // a bad file stops everything with exit 2, naming it
        }
        if (cases.isEmpty()) {
            throw new UserError("no trajectory files among the arguments");
        }
        return replay(cases);
    }

    private int replay(List<GoldenCase> cases) {
        boolean allPassed = true;
        for (GoldenCase golden : cases) {
            ConformanceResult result = ConformanceRunner.run(golden, splits);
            System.out.println(result.summaryLine());
            allPassed &= result.passed();
        }
        return allPassed ? 0 : 1;
    }
}
