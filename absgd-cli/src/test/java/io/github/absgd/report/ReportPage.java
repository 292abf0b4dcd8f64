package io.github.absgd.report;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** A report page as a browser's HTML parser reads it, and the parts the tests look at. */
public final class ReportPage {

    private final Document document;

    private ReportPage(Document document) {
        this.document = document;
    }

    public static ReportPage read(Path html) throws IOException {
        return new ReportPage(Jsoup.parse(html.toFile(), "UTF-8"));
    }

    static ReportPage of(HtmlPage page) {
        return new ReportPage(Jsoup.parse(page.html()));
    }

    public Document document() {
        return document;
    }

    /** The section titles (h1, h2), in page order. */
    public List<String> headings() {
        return document.select("h1, h2").eachText();
    }

    /** The first element matching {@code selector} after the section titled {@code heading}. */
    public Element after(String heading, String selector) {
        Element title = document.selectFirst("h2:containsOwn(" + heading + ")");
        assertNotNull(title, "a section titled " + heading + " in " + headings());
        for (Element next = title.nextElementSibling(); next != null; next = next.nextElementSibling()) {
            Element found = next.is(selector) ? next : next.selectFirst(selector);
            if (found != null) {
                return found;
            }
        }
        throw new AssertionError("no " + selector + " after " + heading);
    }

    /** The table after the section titled {@code heading}: its header texts. */
    public List<String> header(String heading) {
        return after(heading, "table").select("thead th").eachText();
    }

    /** The body rows of the table after the section titled {@code heading}. */
    public List<Element> rows(String heading) {
        return after(heading, "table").select("tbody tr");
    }

    /** A row's cell texts, empty ones too. */
    public static List<String> cells(Element row) {
        return row.select("td").stream().map(Element::text).toList();
    }
}
