package io.github.absgd.report;

import io.github.absgd.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** A self-contained report page: a title and its sections, inline style, no script, nothing fetched. */
record HtmlPage(String title, List<Section> sections) {

    private static final String STYLE = String.join("",
            "body{font-family:sans-serif;max-width:1280px;margin:2em auto;padding:0 1em;color:#222;line-height:1.4}",
            "h2{margin-top:1.6em;border-bottom:1px solid #ddd}",
            "table{border-collapse:collapse;margin:0.5em 0}.scroll{overflow-x:auto;max-width:100%}",
            "th,td{padding:0.25em 0.7em;border-bottom:1px solid #e4e4e4;text-align:left;vertical-align:top}",
            "th{background:#f3f3f3}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}",
            "td.best{background:#e6f4e6}tr.chosen{background:#fff4cc}",
            "pre{background:#f6f6f6;padding:1em;overflow-x:auto}details{margin:0.5em 0}summary{cursor:pointer}",
            "figure{margin:0.5em 0}img{max-width:100%;border:1px solid #ddd}",
            ".side-by-side{display:flex;flex-wrap:wrap;gap:1.5em;align-items:flex-start}",
            ".side-by-side>.wide{flex:1 1 600px;min-width:0}");

    void write(Path file) throws IOException {
        AtomicFiles.write(file, html().getBytes(StandardCharsets.UTF_8));
    }

    String html() {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Section.escape(title)).append("</title>\n")
                .append("<style>").append(STYLE).append("</style></head>\n<body>\n")
                .append("<h1>").append(Section.escape(title)).append("</h1>\n");
        for (Section section : sections) {
            section.render(html);
        }
        return html.append("</body></html>\n").toString();
    }
}
