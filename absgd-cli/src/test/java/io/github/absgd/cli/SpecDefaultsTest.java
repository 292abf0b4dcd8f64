package io.github.absgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.absgd.data.DataSpec;
import io.github.absgd.train.RunSpec;
import java.util.Iterator;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The command line's defaults are the run specification's: written once, in the library. */
class SpecDefaultsTest {

    private static TrainCommand parsedTrain(String... args) {
        TrainCommand train = new TrainCommand();
        CommandLine cli = new CommandLine(train);
        cli.setDefaultValueProvider(JsonConfigDefaults.ofSpecification());
        cli.parseArgs(args);
        return train;
    }

    @Test
    void everyTrainingDefaultIsTheSpecifications() {
        RunSpec recipe = RunSpec.builder().data(DataSpec.builder().imbalance(100).build()).build();
        assertEquals(recipe, parsedTrain().run.spec(), "train's defaults are the recipe: the spec's, rho 100 on fashion-mnist");
        RunSpec csv = RunSpec.builder().data(DataSpec.builder().dataset("csv").build()).build();
        assertEquals(csv, parsedTrain("--dataset", "csv").run.spec(), "other data sets keep the spec's imbalance 1");
    }

    @Test
    void everySettingIsAnOptionAndHelpShowsItsDefault() {
        CommandLine cli = new CommandLine(new TrainCommand());
        cli.setDefaultValueProvider(JsonConfigDefaults.ofSpecification());
        ObjectNode spec = RunSpec.builder().build().toJson();
        for (String section : new String[] {"train", "data"}) {
            for (Iterator<String> keys = spec.get(section).fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                OptionSpec option = cli.getCommandSpec().findOption("--" + key);
                assertNotNull(option, "setting " + key + " is the option --" + key);
                JsonNode value = spec.get(section).get(key);
                if (!value.isNull() && !value.isArray()) {
                    assertEquals(value.asText(), option.defaultValueString(), "--" + key + " shows the spec's default");
                }
            }
        }
        String help = cli.getUsageMessage();
        assertTrue(help.contains("base learning rate (default: 0.1;"), help);
        assertTrue(help.contains("(default: absgd-drw)"), help);
    }
}
