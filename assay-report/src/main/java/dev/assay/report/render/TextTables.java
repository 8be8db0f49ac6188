package dev.assay.report.render;

import java.util.ArrayList;
import java.util.List;

/** Plain-text rendering of {@link Table}s for the terminal: padded columns, a rule under the header. */
public final class TextTables {
    private TextTables() {
    }

    /** Renders a table; a spanning cell is printed in its first column and may run past it. */
    public static String table(Table t) {
        int cols = t.headers().size();
        int[] w = new int[cols];
        for (int i = 0; i < cols; i++) {
            w[i] = t.headers().get(i).length();
        }
        List<String[]> rows = new ArrayList<>();
        for (List<Table.Cell> row : t.rows()) {
            String[] cells = new String[cols];
            int c = 0;
            for (Table.Cell cell : row) {
                if (c >= cols) {
                    break;
                }
                cells[c] = cell.text().replace('\n', ' ');
                if (cell.span() == 1) {
                    w[c] = Math.max(w[c], cells[c].length());
                }
                for (int k = 1; k < cell.span() && c + k < cols; k++) {
                    cells[c + k] = null;
                }
                c += cell.span();
            }
            rows.add(cells);
        }
        StringBuilder b = new StringBuilder();
        if (!t.caption().isBlank()) {
            b.append(t.caption()).append('\n');
        }
        line(b, t.headers().toArray(new String[0]), w);
        int total = 0;
        for (int x : w) {
            total += x + 2;
        }
        b.append("  ").append("-".repeat(Math.max(0, total - 2))).append('\n');
        for (String[] r : rows) {
            line(b, r, w);
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String[] cells, int[] w) {
        StringBuilder l = new StringBuilder("  ");
        for (int i = 0; i < w.length; i++) {
            String s = cells[i] == null ? "" : cells[i];
            l.append(s);
            if (i < w.length - 1) {
                l.append(" ".repeat(Math.max(1, w[i] - s.length() + 2)));
            }
        }
        b.append(l.toString().stripTrailing()).append('\n');
    }
}
