package io.github.absgd.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.absgd.train.RunSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A run configuration ({@code {"train": {...}, "data": {...}}}) on a page: the settings that
 * differ from the defaults as a small table, the whole configuration folded away.
 */
final class SettingsSections {

    /** Equal values, numbers by value: a configuration read from a file has 0 where the defaults have 0L. */
    private static final Comparator<JsonNode> SAME_VALUE = (a, b) -> a.equals(b)
            || a.isNumber() && b.isNumber() && a.decimalValue().compareTo(b.decimalValue()) == 0 ? 0 : 1;

    private SettingsSections() {}

    /** {@code shownElsewhere}: settings that vary between the runs (method, seed, swept ones), left out of the table. */
    static List<Section> of(JsonNode config, Collection<String> shownElsewhere) {
        List<Section> sections = new ArrayList<>(List.of(new Section.Heading("Settings that differ from the defaults")));
        if (config == null || !config.isObject()) {
            sections.add(new Section.Paragraph("The runs do not record their configuration."));
            return sections;
        }
        JsonNode defaults = RunSpec.builder().build().toJson();
        List<Table.Row> rows = new ArrayList<>();
        for (String part : List.of("train", "data")) {
            for (Map.Entry<String, JsonNode> setting : config.path(part).properties()) {
                JsonNode standard = defaults.get(part).get(setting.getKey());
                if (!shownElsewhere.contains(setting.getKey()) && (standard == null || !setting.getValue().equals(SAME_VALUE, standard))) {
                    rows.add(new Table.Row(List.of(Table.Cell.text(setting.getKey()), Table.Cell.text(text(setting.getValue())),
                            Table.Cell.text(standard == null ? "–" : text(standard)))));
                }
            }
        }
        sections.add(new Section.Paragraph("The defaults are the Fashion-MNIST-LT recipe (docs/recipe-fmnist-lt.md). "
                + (rows.isEmpty() ? "These runs change none of them" : "These runs change the settings below")
                + (shownElsewhere.isEmpty() ? "." : "; " + Words.list(shownElsewhere) + " vary from run to run and are given above.")));
        if (!rows.isEmpty()) {
            sections.add(new Table(List.of("setting", "these runs", "default"), rows));
        }
        sections.add(new Section.Folded("Full configuration", config.toPrettyString()));
        return sections;
    }

    /** A setting's value as the page writes it: null is "none", text without quotes. */
    static String text(JsonNode value) {
        return value.isNull() ? "none" : value.isValueNode() ? value.asText() : value.toString();
    }
}
