package io.github.absgd.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.absgd.data.DataLoader;
import io.github.absgd.data.DataSummary;
import io.github.absgd.data.TrainTestData;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code absgd data}: what the training set looks like after the long-tail subset and label noise. */
@Command(
        name = "data",
        mixinStandardHelpOptions = true,
        description = "Summarise a data set as it would be trained on: classes, per-class counts (true and "
                + "noisy labels), imbalance ratio and many/medium/few groups.")
public final class DataCommand implements java.util.concurrent.Callable<Integer> {

    @Mixin DataOptions data;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean verbose;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        TrainTestData loaded = DataLoader.load(data.toSpec());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(DataSummary.asMap(loaded)));
        } else {
            DataSummary.asText(loaded).forEach(out::println);
        }
        out.flush();
        return 0;
    }
}
