package dev.assay.report.render;

import static dev.assay.report.render.Html.esc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** HTML rendering of {@link Table}s and verdict badges, shared by the run report and the comparison. */
public final class HtmlTables {
    private HtmlTables() {
    }

    /** A table in a horizontally scrollable wrapper; key/value tables ("kv") have no header row. */
    public static String table(Table t, String cssClass) {
        StringBuilder out = new StringBuilder(1024);
        out.append("<div class=\"tw\"><table").append(cssClass.isEmpty() ? "" : " class=\"" + esc(cssClass) + "\"").append(">");
        if (!t.caption().isBlank()) {
            out.append("<caption>").append(esc(t.caption())).append("</caption>");
        }
        boolean kv = cssClass.equals("kv") && t.headers().size() == 2;
        if (!kv) {
            out.append("<thead><tr>");
            t.headers().forEach(h -> out.append("<th>").append(esc(h)).append("</th>"));
            out.append("</tr></thead>");
        }
        out.append("<tbody>\n");
        for (List<Table.Cell> row : t.rows()) {
            out.append("<tr>");
            for (Table.Cell c : row) {
                cell(out, c);
            }
            out.append("</tr>\n");
        }
        out.append("</tbody></table></div>\n");
        return out.toString();
    }

    private static void cell(StringBuilder out, Table.Cell c) {
        String cls = switch (c.kind()) {
            case NUM -> "n";
            case NOT_MEASURED -> "nm";
            case GOOD -> "good";
            case BAD -> "bad";
            case CODE -> "code";
            default -> "";
        };
        out.append("<td");
        if (!cls.isEmpty()) {
            out.append(" class=\"").append(cls).append('"');
        }
        if (c.span() > 1) {
            out.append(" colspan=\"").append(c.span()).append('"');
        }
        if (!c.title().isBlank()) {
            out.append(" title=\"").append(esc(c.title())).append('"');
        }
        out.append('>');
        String body = c.kind() == Table.Kind.VERDICT ? badge(c.text()) : esc(c.text());
        if (!c.anchor().isBlank()) {
            out.append("<a href=\"#").append(esc(c.anchor())).append("\">").append(body).append("</a>");
        } else {
            out.append(body);
        }
        out.append("</td>");
    }

    /** A coloured verdict or status badge. */
    public static String badge(String v) {
        return "<span class=\"badge " + esc(v.replaceAll("[^A-Za-z-]", "")) + "\">" + esc(v) + "</span>";
    }

    /** A text resource of this package (CSS, definitions). */
    public static String resource(String name) {
        try (InputStream in = HtmlTables.class.getResourceAsStream("/dev/assay/report/" + name)) {
            if (in == null) {
                throw new IllegalStateException("resource missing from the build: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
