package io.github.absgd.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.absgd.report.Comparison.MethodSummary;
import io.github.absgd.train.Method;
import io.github.absgd.train.RunSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compare's report.html, read back with an HTML parser: what a reader sees in each section. */
class CompareReportTest {

    private static final String RESULTS = "Results";

    @TempDir
    Path tmp;

    private static MeanSd of(double... values) {
        List<Double> list = new ArrayList<>();
        for (double v : values) {
            list.add(v);
        }
        return MeanSd.of(list);
    }

    private static MethodSummary method(MeanSd balanced, MeanSd tail3, MeanSd medium, double imagesPerSecond, double[] perClass) {
        return new MethodSummary(List.of(0L, 1L), balanced, tail3, of(0.95, 0.93), medium, of(0.6, 0.6), of(0.9, 0.9), of(0.7, 0.7),
                imagesPerSecond, Map.of(1, imagesPerSecond), perClass);
    }

    /** Three methods leading different columns (absgd: no medium-shot class); all three tie on many-shot and few-shot. */
    private static Comparison comparison() {
        Map<String, MethodSummary> methods = new LinkedHashMap<>();
        methods.put("ce", method(of(0.70, 0.72), of(0.50, 0.54), of(0.70, 0.71), 900, new double[] {0.99, 0.8, 0.5}));
        methods.put("focal", method(of(0.78, 0.80), of(0.66, 0.68), of(0.75, 0.77), 1000, new double[] {0.98, 0.85, 0.6}));
        methods.put("absgd", method(of(0.83, 0.81), of(0.64, 0.60), null, 800, new double[] {0.97, 0.9, Double.NaN}));
        return new Comparison(methods);
    }

    /** The runs' configuration as results.json gives it back: read from text, numbers as the parser types them. */
    private static JsonNode config() throws IOException {
        RunSpec spec = RunSpec.builder().method(Method.parse("absgd")).seed(3).epochs(7).build();
        return new ObjectMapper().readTree(spec.toJson().toString());
    }

    private ReportPage page(List<String> classNames) throws IOException {
        Path chart = Files.write(tmp.resolve("chart.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        return ReportPage.of(new CompareReport(comparison(), config(), new long[] {50, 400, 9}, classNames).page(chart, chart));
    }

    @Test
    void theResultsTableHasOneRowPerMethodWithMeanAndSd() throws IOException {
        ReportPage page = page(null);
        assertEquals(List.of("method", "seeds", "balanced accuracy (%)", "tail-3 (%)", "many-shot (%)", "medium-shot (%)", "few-shot (%)",
                "images/s (median)"), page.header(RESULTS));
        List<Element> rows = page.rows(RESULTS);
        assertEquals(List.of("ce", "focal", "absgd"), rows.stream().map(r -> ReportPage.cells(r).get(0)).toList());
        for (Element row : rows) {
            List<String> cells = ReportPage.cells(row);
            assertEquals("2", cells.get(1));
            for (String cell : cells.subList(2, 7)) {
                assertTrue(cell.matches("\\d+\\.\\d\\d ± \\d+\\.\\d\\d( ★)?") || cell.equals("–"), cell + " in " + cells);
            }
        }
        assertEquals("82.00 ± 1.41", ReportPage.cells(rows.get(2)).get(2).replace(" ★", ""), "percent, mean ± sample sd");
        assertEquals("–", ReportPage.cells(rows.get(2)).get(5), "absgd has no medium-shot class");
    }

    @Test
    void theBestValueOfEachColumnIsMarkedOnTheMethodWithTheHighestMean() throws IOException {
        List<Element> rows = page(null).rows(RESULTS);
        Map<String, MethodSummary> methods = comparison().methods();
        String highest = methods.keySet().stream()
                .max((a, b) -> Double.compare(methods.get(a).balancedAccuracy().mean(), methods.get(b).balancedAccuracy().mean()))
                .orElseThrow();
        assertEquals(List.of(highest), marked(rows, 2), "balanced accuracy");
        assertEquals(List.of("focal"), marked(rows, 3), "tail-3");
        assertEquals(List.of("ce", "focal", "absgd"), marked(rows, 6), "few-shot: a tie marks each");
        assertEquals(List.of("focal"), marked(rows, 7), "images/s");
        Element best = rows.get(List.copyOf(methods.keySet()).indexOf(highest)).select("td").get(2);
        assertTrue(best.hasClass("best") && best.selectFirst("strong") != null && best.text().endsWith("★"),
                "marked without the style sheet too: " + best);
    }

    /** The methods whose cell in {@code column} is marked best. */
    private static List<String> marked(List<Element> rows, int column) {
        return rows.stream().filter(r -> r.select("td").get(column).hasClass("best")).map(r -> ReportPage.cells(r).get(0)).toList();
    }

    @Test
    void onlyTheSettingsThatDifferFromTheDefaultsAreListedAndTheRestIsFolded() throws IOException {
        ReportPage page = page(null);
        String settings = "Settings that differ from the defaults";
        assertEquals(List.of("setting", "these runs", "default"), page.header(settings));
        List<List<String>> rows = page.rows(settings).stream().map(ReportPage::cells).toList();
        assertEquals(List.of(List.of("epochs", "7", "30")), rows, "method and seed vary per run; 0 read from text is the default 0L");
        Element folded = page.after(settings, "details");
        assertEquals("Full configuration", folded.selectFirst("summary").text());
        assertTrue(folded.selectFirst("pre").text().contains("\"epochs\" : 7"), folded.text());
    }

    @Test
    void thePerClassTableGivesTheTrainingCountsBesideTheChart() throws IOException {
        String name = "<img src=x>"; // a class name from a folder of images: text, never markup
        ReportPage page = page(List.of("shirt", "coat", name));
        String perClass = "Per-class test accuracy";
        assertEquals(List.of("class", "name", "training images", "ce (%)", "focal (%)", "absgd (%)"), page.header(perClass));
        List<List<String>> rows = page.rows(perClass).stream().map(ReportPage::cells).toList();
        assertEquals(List.of("1", "coat", "400", "80.00", "85.00", "90.00"), rows.get(0), "the largest training class first");
        assertEquals(List.of("0", "shirt", "50"), rows.get(1).subList(0, 3));
        assertEquals(List.of("2", name, "9", "50.00", "60.00", "–"), rows.get(2), "no test sample of the class: a dash");
        assertEquals(List.of("class", "training images", "ce (%)", "focal (%)", "absgd (%)"), page(List.of("0", "1", "2")).header(perClass),
                "no name column where the names are the indices");
        Element beside = page.after(perClass, "div.side-by-side");
        assertNotNull(beside.selectFirst("table"));
        assertNotNull(beside.selectFirst("img[src^=data:image/png;base64,]"), "the chart beside the table");
    }

    @Test
    void sectionTitlesAreWordsAndThePageIsSelfContained() throws IOException {
        ReportPage page = page(null);
        assertEquals(List.of("absgd compare: ce vs focal vs absgd", RESULTS, "Per-class test accuracy", "Training curves",
                "Settings that differ from the defaults"), page.headings());
        page.headings().forEach(h -> assertFalse(h.contains(".png"), h));
        assertEquals(2, page.document().select("img").size());
        for (Element img : page.document().select("img")) {
            assertTrue(img.attr("src").startsWith("data:image/png;base64,"), "embedded");
            assertTrue(img.attr("alt").split(" ").length > 5, "alt text in words: " + img.attr("alt"));
        }
        assertTrue(page.document().select("script, link, iframe, [href]").isEmpty(), "nothing runs or is fetched");
    }
}
