package io.github.absgd.cli;

import io.github.absgd.serve.ModelDescription;
import io.github.absgd.serve.ModelExport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code absgd export}: a run's checkpoint as a DJL model directory. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        header = "A run's checkpoint as a DJL model directory.",
        sortOptions = false,
        description = {
            "Writes DJL's parameter file, absgd-model.json (architecture, class names, the input preprocessing",
            "training used: image size and normalisation, or CSV columns, categories and standardisation) and",
            "serving.properties into a new directory, which a DJL application loads with Criteria and the",
            "library's translators, and 'absgd predict' uses. The run's data are read again for the preprocessing."
        })
final class ExportCommand implements Callable<Integer> {

    @Option(names = "--checkpoint", required = true, paramLabel = "DIR", description = "a train output directory (or its checkpoint.bin)")
    Path checkpoint;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the model directory to write (must not exist)")
    Path out;

    @Option(names = "--verbose", description = "print stack traces of errors")
    boolean verbose;

    @Override
    public Integer call() {
        ModelDescription description = ModelExport.export(EvalCommand.checkpointFile(checkpoint), out);
        String input = description.isImage() ? description.image().channels() + "x" + description.image().height() + "x"
                + description.image().width() + " images" : description.tabular().featureColumns().size() + " columns";
        System.out.println("exported " + description.architecture() + " (" + description.spec().classes() + " classes, "
                + input + ") to " + out);
        return 0;
    }
}
