package io.github.absgd.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code sweep}'s report.html: how the choice was made, the chosen points, every point of the
 * grid, the validation chart, and the settings that differ from the defaults.
 *
 * @param sweep the content of sweep.json ({@code swept}, {@code points}, {@code chosen}, {@code config})
 */
public record SweepReport(JsonNode sweep) {

    public void write(Path html, Path chart) throws IOException {
        page(chart).write(html);
    }

    HtmlPage page(Path chart) throws IOException {
        SweepGrid grid = new SweepGrid(sweep);
        List<Section> sections = new ArrayList<>();
        sections.add(new Section.Paragraph(lead(grid)));
        sections.add(new Section.Heading("How the settings were chosen"));
        sections.add(new Section.Paragraph(choice(grid)));
        sections.add(new Section.Heading("Chosen settings"));
        sections.add(grid.table(false));
        sections.add(new Section.Heading("Every point of the grid"));
        sections.add(grid.table(true));
        if (!grid.swept().isEmpty()) {
            sections.add(new Section.Heading("Validation accuracy against each swept setting"));
            sections.add(Section.figure("Line chart for each swept setting (" + String.join(", ", grid.swept()) + "): each method's"
                    + " mean validation balanced accuracy at each of the setting's values", chart));
        }
        List<String> shownElsewhere = new ArrayList<>(List.of("method", "seed"));
        shownElsewhere.addAll(grid.swept());
        sections.addAll(SettingsSections.of(sweep.get("config"), shownElsewhere));
        return new HtmlPage("absgd sweep: " + String.join(", ", grid.methods()), sections);
    }

    /** "A grid over lr (0.05, 0.1) × lambda (0.5, 2.0) for absgd and ce, every point trained with seeds 0 and 1 on csv." */
    private String lead(SweepGrid grid) {
        String points = grid.swept().isEmpty() ? "A single point (nothing swept)" : "A grid over " + grid.swept().stream()
                .map(setting -> setting + " (" + String.join(", ", grid.values(setting)) + ")").collect(Collectors.joining(" × "));
        return points + " for " + Words.list(grid.methods()) + ", every point trained with "
                + Words.plural("seed", grid.seeds().size()) + " " + Words.list(grid.seeds()) + dataset() + ".";
    }

    private String choice(SweepGrid grid) {
        int seeds = grid.seeds().size();
        return "Each method's chosen point (★) has the best mean validation balanced accuracy over its " + seeds + " "
                + Words.plural("seed", seeds) + " (the first in the grid on a tie). " + validationSet()
                + " No choice reads a test metric: the test column is shown for information only."
                + (grid.anyUnused() ? " A dash marks a setting the method does not use." : "");
    }

    private String dataset() {
        JsonNode dataset = sweep.path("config").path("data").path("dataset");
        return dataset.isTextual() ? " on " + dataset.asText() : "";
    }

    /** Where the validation set came from: a file, or a share of each class carved from the training set. */
    private String validationSet() {
        JsonNode data = sweep.path("config").path("data");
        if (data.path("val-file").isTextual()) {
            return "The validation set is read from " + data.get("val-file").asText() + " (--val-file).";
        }
        BigDecimal fraction = data.path("val-fraction").decimalValue();
        return "The validation set is " + fraction.movePointRight(2).stripTrailingZeros().toPlainString() + " % of each class,"
                + " carved from the training set before training (--val-fraction " + fraction.toPlainString() + "); those images"
                + " are never trained on.";
    }
}
