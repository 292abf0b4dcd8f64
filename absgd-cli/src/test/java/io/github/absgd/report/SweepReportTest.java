package io.github.absgd.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.absgd.data.DataSpec;
import io.github.absgd.train.RunSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sweep's report.html, read back with an HTML parser: the grid, the choice marked, and why it was made. */
class SweepReportTest {

    private static final String EVERY_POINT = "Every point of the grid";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /**
     * sweep.json of absgd at λ 0.5 and 2 and ce (which does not use λ), two seeds each: absgd's best
     * validation accuracy is at λ 2, where its test accuracy is the lower one.
     */
    private static ObjectNode sweep(DataSpec data) {
        ObjectNode sweep = JSON.createObjectNode();
        sweep.set("swept", JSON.createArrayNode().add("lambda"));
        ArrayNode points = sweep.putArray("points");
        point(points, "absgd", 0.5, 0, 0.60, 0.55);
        point(points, "absgd", 0.5, 1, 0.62, 0.57);
        point(points, "absgd", 2.0, 0, 0.70, 0.50);
        point(points, "absgd", 2.0, 1, 0.74, 0.52);
        point(points, "ce", 0.5, 0, 0.58, 0.60);
        point(points, "ce", 0.5, 1, 0.56, 0.58);
        ObjectNode chosen = sweep.putObject("chosen");
        chosen.set("absgd", choice(2.0, 0.72, 0.51));
        chosen.set("ce", choice(0.5, 0.57, 0.59));
        sweep.set("config", RunSpec.builder().lambda(0.5).epochs(4).data(data).build().toJson());
        return sweep;
    }

    private static void point(ArrayNode points, String method, double lambda, long seed, double val, double test) {
        ObjectNode p = points.addObject().put("method", method).put("seed", seed).put("lr", 0.1).put("lambda", lambda);
        p.put("val_balanced_acc", val).put("test_balanced_acc", test);
    }

    private static ObjectNode choice(double lambda, double val, double test) {
        return JSON.createObjectNode().put("lr", 0.1).put("lambda", lambda).put("val_balanced_acc_mean", val)
                .put("test_balanced_acc_mean", test).put("seeds", 2);
    }

    private ReportPage page(DataSpec data) throws IOException {
        Path chart = Files.write(tmp.resolve("sweep.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        return ReportPage.of(new SweepReport(sweep(data)).page(chart));
    }

    private ReportPage page() throws IOException {
        return page(DataSpec.builder().valFraction(0.2).build());
    }

    @Test
    void theChosenPointOfEachMethodIsHighlightedAndMarked() throws IOException {
        ReportPage page = page();
        assertEquals(List.of("method", "lambda", "validation balanced accuracy (%, mean)", "test balanced accuracy (%, mean)", "seeds",
                "choice"), page.header(EVERY_POINT));
        List<Element> rows = page.rows(EVERY_POINT);
        assertEquals(3, rows.size(), "the seeds of a point pooled");
        List<List<String>> chosen = rows.stream().filter(r -> r.hasClass("chosen")).map(ReportPage::cells).toList();
        assertEquals(List.of(List.of("absgd", "2.0", "72.00", "51.00", "2", "★ chosen"),
                List.of("ce", "–", "57.00", "59.00", "2", "★ chosen")), chosen,
                "the best mean validation accuracy, not the best test accuracy; ce does not use lambda");
        assertEquals(List.of("absgd", "0.5", "61.00", "56.00", "2", ""), ReportPage.cells(rows.get(0)));
        assertEquals(List.of(List.of("absgd", "2.0", "72.00", "51.00", "2"), List.of("ce", "–", "57.00", "59.00", "2")),
                page.rows("Chosen settings").stream().map(ReportPage::cells).toList());
    }

    @Test
    void theChoiceIsExplainedAsAValidationChoice() throws IOException {
        String carved = page().after("How the settings were chosen", "p").text();
        assertTrue(carved.contains("best mean validation balanced accuracy over its 2 seeds"), carved);
        assertTrue(carved.contains("20 % of each class, carved from the training set"), carved);
        assertTrue(carved.contains("No choice reads a test metric"), carved);
        String file = page(DataSpec.builder().valFile(Path.of("/data/val.csv")).build()).after("How the settings were chosen", "p").text();
        assertTrue(file.contains("read from /data/val.csv (--val-file)"), file);
        assertFalse(file.contains("carved"), file);
    }

    @Test
    void sweptSettingsAreNotAmongTheSettingsThatDifferFromTheDefaults() throws IOException {
        ReportPage page = page();
        List<String> settings = page.rows("Settings that differ from the defaults").stream().map(r -> ReportPage.cells(r).get(0)).toList();
        assertEquals(List.of("epochs", "val-fraction"), settings, "lambda (0.5 in the configuration) is swept: the tables give it");
        List<String> headings = page.headings();
        assertTrue(headings.contains("Validation accuracy against each swept setting"), headings.toString());
        headings.forEach(h -> assertFalse(h.contains(".png"), h));
    }
}
