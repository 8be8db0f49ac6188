package dev.assay.report.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.api.AssayException;
import dev.assay.core.bundle.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A run directory as a report sees it. Every accessor tolerates absence: a partial run
 * (interrupted, failed, or written by an older or newer Assay) still renders.
 *
 * @param dir           the run directory
 * @param root          run.json as a tree
 * @param schemaVersion schemaVersion, 0 when absent
 * @param assayVersion  version that wrote run.json, "unknown" when absent
 * @param suite         suite name, "unknown" when absent
 * @param status        run status, "unknown" when absent
 * @param statusDetail  why not complete, empty when absent
 * @param startedAt     ISO-8601 or empty
 * @param finishedAt    ISO-8601 or empty
 * @param command       command line words
 * @param executor      executor specification (may be missing)
 * @param results       results in file order
 * @param warnings      run-level warnings
 */
public record RunView(Path dir, JsonNode root, int schemaVersion, String assayVersion, String suite, String status,
                      String statusDetail, String startedAt, String finishedAt, List<String> command,
                      JsonNode executor, List<ResultView> results, List<String> warnings) {

    /** File name of the bundle inside a run directory. */
    public static final String RUN_JSON = "run.json";

    public RunView {
        command = List.copyOf(command);
        results = List.copyOf(results);
        warnings = List.copyOf(warnings);
    }

    /**
     * Loads a run from its directory (or from the path of its run.json).
     *
     * @throws AssayException bad input when the directory or run.json is missing or not JSON
     */
    public static RunView load(Path dirOrFile) throws AssayException {
        Path dir = Files.isRegularFile(dirOrFile) ? dirOrFile.toAbsolutePath().getParent() : dirOrFile;
        Path file = Files.isRegularFile(dirOrFile) ? dirOrFile : dirOrFile.resolve(RUN_JSON);
        if (!Files.isDirectory(dir)) {
            throw AssayException.badInput("run directory not found: " + dirOrFile);
        }
        if (!Files.isRegularFile(file)) {
            throw AssayException.badInput("no " + RUN_JSON + " in " + dir + " (is this a run directory?)");
        }
        JsonNode root;
        try {
            root = Json.read(file);
        } catch (IOException e) {
            throw AssayException.badInput("cannot read " + file + ": " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw AssayException.badInput(file + " is not a run bundle (expected a JSON object)");
        }
        return of(dir, root);
    }

    /** Builds the view from an already parsed tree. */
    public static RunView of(Path dir, JsonNode root) {
        List<ResultView> results = new ArrayList<>();
        List<JsonNode> rs = Nodes.elements(Nodes.field(root, "results"));
        for (int i = 0; i < rs.size(); i++) {
            results.add(ResultView.parse(i, rs.get(i)));
        }
        return new RunView(dir, root, (int) Nodes.number(root, "schemaVersion").orElse(0),
                Nodes.text(root, "assayVersion").orElse("unknown"),
                Nodes.text(root, "suite").orElse("unknown"),
                Nodes.text(root, "status").orElse("unknown"),
                Nodes.text(root, "statusDetail").orElse(""),
                Nodes.text(root, "startedAt").orElse(""),
                Nodes.text(root, "finishedAt").orElse(""),
                Nodes.strings(Nodes.field(root, "command")),
                Nodes.field(root, "executor"), results,
                Nodes.strings(Nodes.field(root, "warnings")));
    }

    /** A top-level block (roofline, capability, generator, requested, effective...), or missing. */
    public JsonNode block(String... names) {
        return Nodes.field(root, names);
    }

    /** Executor fingerprint, empty when absent. */
    public String fingerprint() {
        return Nodes.text(executor, "fingerprint").orElse("");
    }

    /** Results of one phase. */
    public List<ResultView> phase(String phase) {
        return results.stream().filter(r -> r.phase().equals(phase)).toList();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
