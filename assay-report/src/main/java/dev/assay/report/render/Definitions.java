package dev.assay.report.render;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The metric definitions every report states, read from the resource
 * {@code dev/assay/report/definitions.txt} (kept consistent with the project's metric reference).
 */
public final class Definitions {
    private static final String RESOURCE = "/dev/assay/report/definitions.txt";

    /**
     * A group of definitions.
     *
     * @param title   group title
     * @param entries term and definition pairs
     */
    public record Section(String title, List<Entry> entries) {
        public Section {
            entries = List.copyOf(entries);
        }
    }

    /**
     * One defined term.
     *
     * @param term       the term
     * @param definition plain-text definition
     */
    public record Entry(String term, String definition) {
    }

    private Definitions() {
    }

    /** All sections in file order. */
    public static List<Section> load() {
        try (InputStream in = Definitions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource missing from the build: " + RESOURCE);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Section> out = new ArrayList<>();
            String title = null;
            List<Entry> entries = new ArrayList<>();
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("## ")) {
                    if (title != null) {
                        out.add(new Section(title, entries));
                    }
                    title = line.substring(3).trim();
                    entries = new ArrayList<>();
                } else if (line.startsWith("#") || line.isBlank()) {
                    continue;
                } else {
                    int tab = line.indexOf('\t');
                    if (tab < 0 || title == null) {
                        throw new IllegalStateException(RESOURCE + ": expected 'term<TAB>definition' under a section, got: " + line);
                    }
                    entries.add(new Entry(line.substring(0, tab).trim(), line.substring(tab + 1).trim()));
                }
            }
            if (title != null) {
                out.add(new Section(title, entries));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
