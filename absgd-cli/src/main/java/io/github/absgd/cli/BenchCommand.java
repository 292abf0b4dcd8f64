package io.github.absgd.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.absgd.bench.StepBenchmark;
import io.github.absgd.model.ModelSpec;
import io.github.absgd.optim.Threads;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code absgd bench}: training-step speed of plain SGD + mean CE against ABSGD on one model. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        header = "Training-step speed: plain SGD against ABSGD, alternating blocks.",
        description = {
            "Times training steps of a model on random batches (no data loading): plain momentum SGD on",
            "mean cross-entropy against ABSGD (attentional loss, lambda on), in alternating blocks in one",
            "process. Prints images/s of each, absgd_over_sgd (ABSGD step time / SGD step time of the",
            "block pair run back to back, median over pairs), peak resident memory and achieved GFLOP/s (3 x forward FLOPs per image)."
        })
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--model", defaultValue = "small-cnn", description = "small-cnn | resnet32 | mlp (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--batch-size", defaultValue = "128", description = "(default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--blocks", defaultValue = "10", description = "alternating blocks of each contender (default: ${DEFAULT-VALUE})")
    int blocks;

    @Option(names = "--steps", defaultValue = "20", description = "steps per block (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--warmup", defaultValue = "10", description = "untimed steps of each first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--threads", defaultValue = "0", description = "libtorch threads; 0 = all cores (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--profile", paramLabel = "FILE", description = {
        "after the timing, record libtorch's operator profile of --steps ABSGD steps into FILE",
        "(Chrome trace JSON; summarise it with scripts/profile-summary.py)"})
    java.nio.file.Path profile;

    @Option(names = "--json", description = "print one JSON object instead of text")
    boolean json;

    @Option(names = "--verbose", description = "print stack traces of errors")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        if (batchSize < 1 || blocks < 1 || steps < 1 || warmup < 0) {
            throw new UserError("--batch-size, --blocks and --steps must be at least 1, --warmup at least 0");
        }
        ModelSpec spec = switch (model) {
            case "small-cnn" -> ModelSpec.image(1, 28, 28, 10);
            case "resnet32" -> ModelSpec.image(3, 32, 32, 10);
            case "mlp" -> ModelSpec.tabular(64, 2);
            default -> throw new UserError("bench supports small-cnn, resnet32 and mlp, not '" + model + "'");
        };
        Threads.set(threads);
        StepBenchmark.Result r = StepBenchmark.run(model, spec, batchSize, blocks, steps, warmup);
        if (json) {
            ObjectNode out = new ObjectMapper().createObjectNode();
            out.put("model", r.model());
            out.put("batch_size", r.batchSize());
            out.put("threads", r.threads());
            out.put("blocks", r.blocks());
            out.put("steps_per_block", r.stepsPerBlock());
            out.put("images_per_s", r.absgdImagesPerSecond());
            out.put("sgd_images_per_s", r.sgdImagesPerSecond());
            out.put("absgd_over_sgd", r.absgdOverSgd());
            r.blockRatios().forEach(out.putArray("absgd_over_sgd_blocks")::add);
            out.put("peak_rss_bytes", r.peakRssBytes());
            out.put("flops_per_image", r.flopsPerImage());
            out.put("gflops_per_s", r.gflopsPerSecond());
            System.out.println(new ObjectMapper().writeValueAsString(out));
        } else {
            System.out.printf(Locale.ROOT, "model %s, batch %d, %d libtorch threads, %d blocks x %d steps%n",
                    r.model(), r.batchSize(), r.threads(), r.blocks(), r.stepsPerBlock());
            System.out.printf(Locale.ROOT, "sgd   (mean CE)    %9.1f images/s%n", r.sgdImagesPerSecond());
            System.out.printf(Locale.ROOT, "absgd (attention)  %9.1f images/s%n", r.absgdImagesPerSecond());
            System.out.printf(Locale.ROOT, "absgd_over_sgd     %9.3f (block pairs from %.3f to %.3f)%n", r.absgdOverSgd(),
                    java.util.Collections.min(r.blockRatios()), java.util.Collections.max(r.blockRatios()));
            System.out.printf(Locale.ROOT, "peak RSS           %9.1f MiB%n", r.peakRssBytes() / 1048576.0);
            System.out.printf(Locale.ROOT, "achieved           %9.2f GFLOP/s (%.1f MFLOP forward per image)%n",
                    r.gflopsPerSecond(), r.flopsPerImage() / 1e6);
        }
        if (profile != null) {
            StepBenchmark.profile(model, spec, batchSize, warmup, steps, profile.toAbsolutePath());
            System.err.println("absgd: profile of " + steps + " ABSGD steps written to " + profile);
        }
        return 0;
    }
}
