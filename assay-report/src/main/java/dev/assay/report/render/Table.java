package dev.assay.report.render;

import java.util.ArrayList;
import java.util.List;

/**
 * A renderer-neutral table: built once from the run, rendered as HTML and as Markdown, so the
 * two reports cannot drift apart.
 *
 * @param caption caption (may be empty)
 * @param headers column headers
 * @param rows    rows of cells; a cell's span covers following columns
 */
public record Table(String caption, List<String> headers, List<List<Cell>> rows) {
    public Table {
        headers = List.copyOf(headers);
        rows = rows.stream().map(List::copyOf).toList();
    }

    /** The same table with another caption. */
    public Table withCaption(String c) {
        return new Table(c, headers, rows);
    }

    /** How a cell is styled. */
    public enum Kind { TEXT, NUM, NOT_MEASURED, VERDICT, CODE, GOOD, BAD }

    /**
     * One cell.
     *
     * @param text   plain text (escaped by the renderer)
     * @param kind   style
     * @param anchor in-page link target, empty for none
     * @param title  tooltip, empty for none
     * @param span   columns covered (1 normally)
     */
    public record Cell(String text, Kind kind, String anchor, String title, int span) {
        public Cell {
            if (span < 1) {
                throw new IllegalArgumentException("span must be >= 1, was " + span);
            }
        }

        /** Plain text. */
        public static Cell text(String t) {
            return new Cell(t, Kind.TEXT, "", "", 1);
        }

        /** A number (right-aligned). */
        public static Cell num(String t) {
            return new Cell(t, Kind.NUM, "", "", 1);
        }

        /** A verdict badge. */
        public static Cell verdict(String v) {
            return new Cell(v, Kind.VERDICT, "", "", 1);
        }

        /** Honest absence, shown as "not measured: reason" unless the text already says why. */
        public static Cell notMeasured(String reason) {
            return new Cell(reason, Kind.NOT_MEASURED, "", "", 1);
        }

        /** This cell with a link. */
        public Cell link(String a) {
            return new Cell(text, kind, a, title, span);
        }

        /** This cell with a tooltip. */
        public Cell tip(String t) {
            return new Cell(text, kind, anchor, t, span);
        }

        /** This cell spanning n columns. */
        public Cell spanning(int n) {
            return new Cell(text, kind, anchor, title, n);
        }
    }

    /** A mutable builder. */
    public static final class Builder {
        private final String caption;
        private final List<String> headers;
        private final List<List<Cell>> rows = new ArrayList<>();

        /** Starts a table. */
        public Builder(String caption, List<String> headers) {
            this.caption = caption;
            this.headers = headers;
        }

        /** Adds a row. */
        public Builder row(List<Cell> cells) {
            rows.add(cells);
            return this;
        }

        /** The table. */
        public Table build() {
            return new Table(caption, headers, rows);
        }

        /** Whether no rows were added. */
        public boolean isEmpty() {
            return rows.isEmpty();
        }
    }
}
