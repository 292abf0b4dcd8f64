package io.github.absgd.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.absgd.bench.DataBenchmark;
import io.github.absgd.optim.Threads;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code absgd bench-data}: data loading against training on real data (e.g. streamed image files). */
@Command(
        name = "bench-data",
        mixinStandardHelpOptions = true,
        header = "Data loading against training: the loader alone, training on loaded batches, training on ready ones.",
        description = {
            "Reads the training set the data options describe (e.g. --dataset imagefolder --data-dir DIR --stream on)",
            "and times, in alternating blocks in one process over the seeded epoch order: the data loader alone",
            "(decode when streamed, augment, batch), ABSGD training steps on the loaded batches (loading included, as a",
            "run trains), and the same steps on a few loaded batches kept ready (no loading). Prints images/s of each",
            "(medians over blocks), the seconds reading the data took, and peak resident memory: with the data read and",
            "loaded (before the model exists), and at the end."
        })
final class BenchDataCommand implements Callable<Integer> {

    @Option(names = "--model", defaultValue = "resnet32", description = "a model `train` takes (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--batch-size", defaultValue = "128", description = "(default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--blocks", defaultValue = "4", description = "blocks of each contender (default: ${DEFAULT-VALUE})")
    int blocks;

    @Option(names = "--steps", defaultValue = "8", description = "batches per block (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--warmup", defaultValue = "2", description = "untimed batches of each first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--threads", defaultValue = "0", description = "libtorch threads; 0 = all cores (default: ${DEFAULT-VALUE})")
    int threads;

    @Mixin
    DataOptions data;

    @Option(names = "--json", description = "print one JSON object instead of text")
    boolean json;

    @Option(names = "--verbose", description = "print stack traces of errors")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        if (batchSize < 1 || blocks < 1 || steps < 1 || warmup < 0) {
            throw new UserError("--batch-size, --blocks and --steps must be at least 1, --warmup at least 0");
        }
        Threads.set(threads);
        DataBenchmark.Result r = DataBenchmark.run(model, data.toSpec(), batchSize, blocks, steps, warmup);
        if (json) {
            ObjectNode out = new ObjectMapper().createObjectNode();
            out.put("model", r.model());
            out.put("batch_size", r.batchSize());
            out.put("threads", r.threads());
            out.put("train_images", r.trainImages());
            out.put("streamed", r.streamed());
            out.put("load_seconds", r.loadSeconds());
            out.put("blocks", r.blocks());
            out.put("steps_per_block", r.stepsPerBlock());
            out.put("loader_images_per_s", r.loaderImagesPerSecond());
            out.put("train_images_per_s", r.trainImagesPerSecond());
            out.put("ready_images_per_s", r.readyImagesPerSecond());
            out.put("data_peak_rss_bytes", r.dataPeakRssBytes());
            out.put("peak_rss_bytes", r.peakRssBytes());
            System.out.println(new ObjectMapper().writeValueAsString(out));
            return 0;
        }
        System.out.printf(Locale.ROOT, "model %s, batch %d, %d libtorch threads, %d training images (%s), read in %.1f s; "
                + "%d blocks x %d batches%n", r.model(), r.batchSize(), r.threads(), r.trainImages(),
                r.streamed() ? "streamed" : "held in memory", r.loadSeconds(), r.blocks(), r.stepsPerBlock());
        System.out.printf(Locale.ROOT, "loader alone              %9.1f images/s%n", r.loaderImagesPerSecond());
        System.out.printf(Locale.ROOT, "training, loading batches %9.1f images/s%n", r.trainImagesPerSecond());
        System.out.printf(Locale.ROOT, "training, batches ready   %9.1f images/s%n", r.readyImagesPerSecond());
        System.out.printf(Locale.ROOT, "peak RSS                  %9.1f MiB (%.1f MiB with the data read, before the model)%n",
                r.peakRssBytes() / 1048576.0, r.dataPeakRssBytes() / 1048576.0);
        return 0;
    }
}
