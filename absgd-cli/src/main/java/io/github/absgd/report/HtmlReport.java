package io.github.absgd.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/** A self-contained report.html: the comparison table and the charts embedded as data URIs. */
public final class HtmlReport {

    private HtmlReport() {}

    public static void write(Path html, String title, String description, String table, List<Path> charts) throws IOException {
        StringBuilder page = new StringBuilder();
        page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(title)).append("</title>\n<style>body{font-family:sans-serif;max-width:1200px;margin:2em auto;"
                        + "padding:0 1em;color:#222}pre{background:#f6f6f6;padding:1em;overflow-x:auto}"
                        + "img{max-width:100%;border:1px solid #ddd;margin:1em 0}</style></head><body>\n")
                .append("<h1>").append(escape(title)).append("</h1>\n<p>").append(escape(description)).append("</p>\n")
                .append("<h2>Results</h2>\n<pre>").append(escape(table)).append("</pre>\n");
        for (Path chart : charts) {
            if (Files.exists(chart)) {
                String data = Base64.getEncoder().encodeToString(Files.readAllBytes(chart));
                page.append("<h2>").append(escape(chart.getFileName().toString())).append("</h2>\n")
                        .append("<img alt=\"").append(escape(chart.getFileName().toString()))
                        .append("\" src=\"data:image/png;base64,").append(data).append("\">\n");
            }
        }
        page.append("</body></html>\n");
        io.github.absgd.util.AtomicFiles.write(html, page.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
