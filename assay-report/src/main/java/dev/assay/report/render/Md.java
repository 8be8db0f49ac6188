package dev.assay.report.render;

import java.util.List;

/** Markdown escaping and table rendering (GitHub-flavoured). */
public final class Md {
    private Md() {
    }

    /**
     * Escapes text for a Markdown table cell or paragraph: markup characters are backslash-escaped,
     * angle brackets and ampersands become entities (so no raw HTML reaches a renderer), newlines
     * become spaces.
     */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '|', '\\', '*', '_', '`', '[', ']', '#' -> b.append('\\').append(c);
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '\n', '\r' -> b.append(' ');
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Inline code span that survives backticks in the content. */
    public static String code(String s) {
        String t = s == null ? "" : s.replace('\n', ' ');
        String fence = t.contains("`") ? "``" : "`";
        String pad = t.startsWith("`") || t.endsWith("`") ? " " : "";
        return fence + pad + t.replace("|", "\\|") + pad + fence;
    }

    /** Renders a table; spanning cells are repeated as one cell followed by empty ones. */
    public static String table(Table t) {
        StringBuilder b = new StringBuilder();
        if (!t.caption().isBlank()) {
            b.append("**").append(esc(t.caption())).append("**\n\n");
        }
        b.append('|');
        t.headers().forEach(h -> b.append(' ').append(esc(h)).append(" |"));
        b.append("\n|");
        t.headers().forEach(h -> b.append("---|"));
        b.append('\n');
        for (List<Table.Cell> row : t.rows()) {
            b.append('|');
            for (Table.Cell c : row) {
                String text = switch (c.kind()) {
                    case CODE -> code(c.text());
                    case VERDICT -> "**" + esc(c.text()) + "**";
                    case NOT_MEASURED -> "_" + esc(c.text()) + "_";
                    default -> esc(c.text());
                };
                b.append(' ').append(text).append(" |");
                for (int i = 1; i < c.span(); i++) {
                    b.append(" |");
                }
            }
            b.append('\n');
        }
        return b.append('\n').toString();
    }
}
