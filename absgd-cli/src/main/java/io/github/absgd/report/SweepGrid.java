package io.github.absgd.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A sweep's grid read from sweep.json: each method's points with their runs' seeds pooled, and
 * which point was chosen. The choice is sweep.json's own; nothing here chooses again.
 */
final class SweepGrid {

    /** Keys of a sweep.json point that are not grid settings. */
    private static final List<String> RUN_FIELDS = List.of("method", "seed", "val_balanced_acc", "test_balanced_acc");
    private static final List<String> CHOICE_FIELDS = List.of("val_balanced_acc_mean", "test_balanced_acc_mean", "seeds");

    /** One point of one method: its grid settings and the runs (one per seed) trained there. */
    private record Point(String method, ObjectNode settings, List<JsonNode> runs) {

        double mean(String metric) {
            return runs.stream().mapToDouble(r -> r.get(metric).asDouble()).average().orElse(Double.NaN);
        }
    }

    private final List<String> swept = new ArrayList<>();
    private final List<Point> points = new ArrayList<>();
    private final Map<String, ObjectNode> chosen = new LinkedHashMap<>();

    SweepGrid(JsonNode sweep) {
        sweep.path("swept").forEach(setting -> swept.add(setting.asText()));
        Map<String, Point> byMethodAndSettings = new LinkedHashMap<>();
        for (JsonNode run : sweep.path("points")) {
            ObjectNode settings = run.deepCopy();
            settings.remove(RUN_FIELDS);
            String method = run.get("method").asText();
            byMethodAndSettings.computeIfAbsent(method + " " + settings, k -> new Point(method, settings, new ArrayList<>()))
                    .runs().add(run);
        }
        points.addAll(byMethodAndSettings.values());
        // runs finish in any order: each method's points together, methods and points in the order first met
        List<String> methods = methods();
        points.sort(Comparator.comparingInt(p -> methods.indexOf(p.method())));
        sweep.path("chosen").properties().forEach(choice -> {
            ObjectNode settings = choice.getValue().deepCopy();
            settings.remove(CHOICE_FIELDS);
            chosen.put(choice.getKey(), settings);
        });
    }

    List<String> swept() {
        return swept;
    }

    List<String> methods() {
        return points.stream().map(Point::method).distinct().toList();
    }

    /** The seeds the runs were trained with, in first-seen order. */
    Set<Long> seeds() {
        Set<Long> seeds = new LinkedHashSet<>();
        points.forEach(p -> p.runs().forEach(run -> seeds.add(run.get("seed").asLong())));
        return seeds;
    }

    /** The values a swept setting took, as the page writes them. */
    List<String> values(String setting) {
        return points.stream().map(p -> SettingsSections.text(p.settings().path(setting))).distinct().toList();
    }

    /** Whether a method took one value of a swept setting: it does not use it (e.g. λ for ce). */
    boolean unused(String method, String setting) {
        return points.stream().filter(p -> p.method().equals(method)).map(p -> p.settings().get(setting)).distinct().count() == 1;
    }

    boolean anyUnused() {
        return methods().stream().anyMatch(method -> swept.stream().anyMatch(setting -> unused(method, setting)));
    }

    /** The chosen points only, or every point with the chosen ones highlighted and marked. */
    Table table(boolean everyPoint) {
        List<String> header = new ArrayList<>(List.of("method"));
        header.addAll(swept);
        header.addAll(List.of("validation balanced accuracy (%, mean)", "test balanced accuracy (%, mean)", "seeds"));
        if (everyPoint) {
            header.add("choice");
        }
        List<Table.Row> rows = new ArrayList<>();
        for (Point point : points) {
            boolean isChosen = point.settings().equals(chosen.get(point.method()));
            if (!everyPoint && !isChosen) {
                continue;
            }
            List<Table.Cell> cells = new ArrayList<>(List.of(Table.Cell.text(point.method())));
            for (String setting : swept) {
                cells.add(Table.Cell.number(unused(point.method(), setting) ? "–" : SettingsSections.text(point.settings().path(setting))));
            }
            cells.add(Table.Cell.number(percent(point.mean("val_balanced_acc"))));
            cells.add(Table.Cell.number(percent(point.mean("test_balanced_acc"))));
            cells.add(Table.Cell.number(String.valueOf(point.runs().size())));
            if (everyPoint) {
                cells.add(Table.Cell.text(isChosen ? "★ chosen" : ""));
            }
            rows.add(new Table.Row(cells, everyPoint && isChosen));
        }
        return new Table(header, rows);
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.2f", 100 * value);
    }
}
