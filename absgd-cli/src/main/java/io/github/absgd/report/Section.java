package io.github.absgd.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/** A part of a report page; it renders itself as HTML, escaping every text it was given. */
sealed interface Section permits Section.Heading, Section.Paragraph, Section.Folded, Section.Figure, Section.SideBySide, Table {

    void render(StringBuilder html);

    /** A section title, in words. */
    record Heading(String text) implements Section {
        @Override
        public void render(StringBuilder html) {
            html.append("<h2>").append(escape(text)).append("</h2>\n");
        }
    }

    record Paragraph(String text) implements Section {
        @Override
        public void render(StringBuilder html) {
            html.append("<p>").append(escape(text)).append("</p>\n");
        }
    }

    /** Preformatted text folded away under a summary line, for the reader who wants the detail. */
    record Folded(String summary, String text) implements Section {
        @Override
        public void render(StringBuilder html) {
            html.append("<details><summary>").append(escape(summary)).append("</summary>\n<pre>").append(escape(text))
                    .append("</pre></details>\n");
        }
    }

    /** A PNG chart embedded as a data URI, so the page stays one self-contained file. */
    record Figure(String alt, byte[] png) implements Section {
        @Override
        public void render(StringBuilder html) {
            html.append("<figure><img alt=\"").append(escape(alt)).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(png)).append("\"></figure>\n");
        }
    }

    /** Two sections in a row that wraps onto two lines on a narrow screen. */
    record SideBySide(Section first, Section second) implements Section {
        @Override
        public void render(StringBuilder html) {
            html.append("<div class=\"side-by-side\">\n<div>");
            first.render(html);
            html.append("</div>\n<div class=\"wide\">");
            second.render(html);
            html.append("</div>\n</div>\n");
        }
    }

    /** The chart in {@code png}, or a sentence saying it is missing (charts are drawn before the page, and may fail). */
    static Section figure(String alt, Path png) throws IOException {
        if (!Files.isRegularFile(png)) {
            return new Paragraph("The chart (" + png.getFileName() + ") was not drawn; the console said why.");
        }
        return new Figure(alt, Files.readAllBytes(png));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
