package io.github.absgd.report;

import io.github.absgd.train.EpochRecord;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The PNG charts of runs and comparisons (XChart, rendered headless). */
public final class Charts {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {}

    /**
     * Training curves: the losses per epoch (left), balanced accuracy, accuracy and tail-3 accuracy
     * on the test set (and the validation balanced accuracy, with a validation set) per epoch
     * (middle), and, for runs with attentional weights, what the weights did (right): the effective
     * sample size of a batch, the largest share one sample got, and the share of the three smallest
     * classes. One series group per run.
     */
    public static void curves(Map<String, List<EpochRecord>> runs, Path png) throws IOException {
        XYChart loss = xyChart("Training loss", "loss");
        XYChart accuracy = xyChart("Accuracy (test set; validation where given)", "accuracy (%)");
        XYChart weights = xyChart("Attentional weights", "% (ESS of the batch; max and tail-3 share)");
        boolean single = runs.size() == 1;
        for (Map.Entry<String, List<EpochRecord>> run : runs.entrySet()) {
            String prefix = single ? "" : run.getKey() + " ";
            List<EpochRecord> history = run.getValue();
            if (history.isEmpty()) {
                continue;
            }
            addSeries(loss, prefix + "train loss", history, EpochRecord::trainLoss, 1);
            if (single) {
                addSeries(loss, "objective", history, EpochRecord::objective, 1);
            }
            addSeries(accuracy, prefix + "balanced", history, r -> orNaN(r.balancedAccuracy()), 100);
            if (single) {
                addSeries(accuracy, "overall", history, r -> orNaN(r.accuracy()), 100);
                addSeries(accuracy, "tail-3", history, r -> r.tail3() == null ? Double.NaN : r.tail3(), 100);
            }
            addSeries(accuracy, prefix + "validation balanced", history, r -> orNaN(r.valBalancedAccuracy()), 100);
            addSeries(weights, prefix + "ESS", history, r -> orNaN(r.essFraction()), 100);
            if (single) {
                addSeries(weights, "max weight", history, r -> orNaN(r.maxWeight()), 100);
                addSeries(weights, "tail-3 share", history, r -> orNaN(r.tailWeightShare()), 100);
            }
        }
        accuracy.getStyler().setYAxisMin(0.0);
        accuracy.getStyler().setYAxisMax(100.0);
        if (weights.getSeriesMap().isEmpty()) {
            save(List.of(loss, accuracy), 1, 2, png);
        } else {
            weights.getStyler().setYAxisMin(0.0);
            weights.getStyler().setYAxisMax(100.0);
            save(List.of(loss, accuracy, weights), 1, 3, png);
        }
    }

    /**
     * Per-class test accuracy of one or more methods side by side, classes ordered from the
     * largest training class to the smallest (labels carry the training count).
     */
    public static void perClass(Map<String, double[]> perClassByMethod, long[] trainCounts, List<String> classNames,
            Path png) throws IOException {
        List<Integer> order = PerClassTable.largestFirst(trainCounts);
        List<String> labels = new ArrayList<>();
        for (int c : order) {
            String name = classNames != null && c < classNames.size() ? classNames.get(c) : String.valueOf(c);
            labels.add(name + " (" + trainCounts[c] + ")");
        }
        int width = Math.max(900, 60 * trainCounts.length * Math.max(1, perClassByMethod.size()) / 2);
        CategoryChart chart = new CategoryChartBuilder().width(Math.min(width, 4000)).height(520)
                .title("Per-class test accuracy (classes by training size, largest first)")
                .xAxisTitle("class (training images)").yAxisTitle("accuracy (%)").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        chart.getStyler().setXAxisLabelRotation(trainCounts.length > 12 ? 90 : 30);
        chart.getStyler().setXAxisTicksVisible(trainCounts.length <= 40);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        for (Map.Entry<String, double[]> method : perClassByMethod.entrySet()) {
            List<Double> values = new ArrayList<>();
            for (int c : order) {
                double v = method.getValue()[c];
                values.add(Double.isNaN(v) ? 0.0 : 100 * v);
            }
            chart.addSeries(method.getKey(), labels, values);
        }
        save(List.of(chart), 1, 1, png);
    }

    /**
     * A sweep's validation metric against each swept setting: one chart per setting, one line per
     * method, each point the mean over seeds at that value (the other settings at their chosen
     * values' means, i.e. averaged over the rest of the grid).
     */
    public static void sweep(Map<String, Map<String, Map<Double, Double>>> bySetting, Path png) throws IOException {
        List<XYChart> charts = new ArrayList<>();
        for (Map.Entry<String, Map<String, Map<Double, Double>>> setting : bySetting.entrySet()) {
            XYChart chart = xyChart("Validation balanced accuracy against " + setting.getKey(), "accuracy (%)");
            chart.setXAxisTitle(setting.getKey());
            for (Map.Entry<String, Map<Double, Double>> method : setting.getValue().entrySet()) {
                List<Double> x = new ArrayList<>(method.getValue().keySet());
                List<Double> y = x.stream().map(v -> 100 * method.getValue().get(v)).toList();
                chart.addSeries(method.getKey(), x, y).setMarker(SeriesMarkers.CIRCLE);
            }
            charts.add(chart);
        }
        if (!charts.isEmpty()) {
            save(charts, 1, charts.size(), png);
        }
    }

    private static XYChart xyChart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(640).height(440).title(title).xAxisTitle("epoch").yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        return chart;
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }

    private static void addSeries(XYChart chart, String name, List<EpochRecord> history,
            ToDoubleFunction<EpochRecord> value, double scale) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (EpochRecord r : history) {
            double v = value.applyAsDouble(r);
            if (Double.isFinite(v)) {
                x.add((double) r.epoch());
                y.add(v * scale);
            }
        }
        if (!x.isEmpty()) {
            chart.addSeries(name, x, y).setMarker(SeriesMarkers.CIRCLE);
        }
    }

    private static void save(List<? extends Chart<?, ?>> charts, int rows, int columns, Path png) throws IOException {
        Path dir = png.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + png.getFileName(), ".png");
        try {
            BitmapEncoder.saveBitmap(new ArrayList<>(charts), rows, columns, tmp.toString(), BitmapEncoder.BitmapFormat.PNG);
            io.github.absgd.util.AtomicFiles.write(png, Files.readAllBytes(tmp));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
