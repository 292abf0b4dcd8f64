package io.github.absgd.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.absgd.data.ClassGroups;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code compare}'s report.html: the results table, the settings that differ from the defaults,
 * per-class accuracy beside its chart, and the training curves.
 *
 * @param comparison the summary over seeds, by method
 * @param config the runs' configuration, {@code {"train": {...}, "data": {...}}} (null: not recorded)
 * @param trainCounts training images per class
 * @param classNames the class names (null where the data set has none)
 */
public record CompareReport(Comparison comparison, JsonNode config, long[] trainCounts, List<String> classNames) {

    public void write(Path html, Path perClassChart, Path curvesChart) throws IOException {
        page(perClassChart, curvesChart).write(html);
    }

    HtmlPage page(Path perClassChart, Path curvesChart) throws IOException {
        List<String> methods = List.copyOf(comparison.methods().keySet());
        List<Section> sections = new ArrayList<>();
        sections.add(new Section.Paragraph("Test-set accuracy of " + Words.list(methods) + dataset() + ", " + seeds()
                + ". Every cell is the mean ± sample standard deviation over the seeds, in percent (a single value for a single"
                + " seed); ★ marks the best value of each column, higher being better."));
        sections.add(new Section.Heading("Results"));
        sections.add(ResultsTable.of(comparison));
        sections.add(new Section.Paragraph("Balanced accuracy is the mean of the per-class accuracies; tail-3 averages the"
                + " three smallest training classes; many-shot, medium-shot and few-shot average the classes with more than "
                + ClassGroups.MANY_ABOVE + ", " + ClassGroups.FEW_BELOW + " to " + ClassGroups.MANY_ABOVE + " and fewer than "
                + ClassGroups.FEW_BELOW + " training images. Images/s is the median training throughput of the runs (per"
                + " --threads setting where the runs used several)."));
        sections.add(new Section.Heading("Per-class test accuracy"));
        sections.add(new Section.SideBySide(PerClassTable.of(comparison.perClassMeans(), trainCounts, classNames),
                Section.figure("Bar chart of each method's test accuracy per class, from the largest training class to the"
                        + " smallest, as in the table", perClassChart)));
        sections.add(new Section.Heading("Training curves"));
        sections.add(new Section.Paragraph("The first seed of each method, epoch by epoch."));
        sections.add(Section.figure("Line charts per epoch of each method's first seed: training loss; test balanced accuracy"
                + " (and validation balanced accuracy with a validation set); for attentional methods, the effective sample"
                + " size of the weighted batch", curvesChart));
        sections.addAll(SettingsSections.of(config, List.of("method", "seed")));
        return new HtmlPage("absgd compare: " + String.join(" vs ", methods), sections);
    }

    private String dataset() {
        return config == null || !config.path("data").path("dataset").isTextual() ? ""
                : " on " + config.path("data").path("dataset").asText();
    }

    /** "each trained with seeds 0, 1", or where the methods had different seeds, where to find them. */
    private String seeds() {
        List<List<Long>> distinct = comparison.methods().values().stream().map(Comparison.MethodSummary::seeds).distinct().toList();
        if (distinct.size() != 1) {
            return "each trained with the number of seeds in the table";
        }
        List<Long> seeds = distinct.get(0);
        return "each trained with " + Words.plural("seed", seeds.size()) + " " + Words.list(seeds);
    }
}
