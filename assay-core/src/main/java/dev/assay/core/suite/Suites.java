package dev.assay.core.suite;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.assay.api.AssayException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds suites: a built-in name (a resource {@code suites/NAME.yaml} on the class path) or a
 * path to a YAML file. Unknown keys are errors so a typo never silently changes a benchmark.
 */
public final class Suites {
    /** Built-in suite names, in the order {@code assay list} shows them. */
    public static final List<String> BUILT_IN = List.of("quick", "standard", "precision", "training", "full");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Suites() {
    }

    public static SuiteSpec load(String nameOrFile) throws AssayException {
        Path file = Path.of(nameOrFile);
        if (nameOrFile.endsWith(".yaml") || nameOrFile.endsWith(".yml") || nameOrFile.contains("/")) {
            if (!Files.isRegularFile(file)) {
                throw AssayException.badInput("suite file not found: " + nameOrFile);
            }
            try (InputStream in = Files.newInputStream(file)) {
                return named(parse(in, nameOrFile), file.getFileName().toString().replaceFirst("\\.ya?ml$", ""));
            } catch (IOException e) {
                throw AssayException.badInput("cannot read suite file " + nameOrFile + ": " + e.getMessage());
            }
        }
        try (InputStream in = Suites.class.getClassLoader().getResourceAsStream("suites/" + nameOrFile + ".yaml")) {
            if (in == null) {
                throw AssayException.badInput("unknown suite '" + nameOrFile + "' (built-in: " + String.join(", ", available())
                        + "; or give a path to a .yaml file)");
            }
            return named(parse(in, "built-in suite " + nameOrFile), nameOrFile);
        } catch (IOException e) {
            throw AssayException.badInput("cannot read built-in suite " + nameOrFile + ": " + e.getMessage());
        }
    }

    /** Built-in suites actually packaged. */
    public static List<String> available() {
        List<String> out = new ArrayList<>();
        for (String s : BUILT_IN) {
            if (Suites.class.getClassLoader().getResource("suites/" + s + ".yaml") != null) {
                out.add(s);
            }
        }
        return out;
    }

    private static SuiteSpec parse(InputStream in, String what) throws AssayException {
        try {
            SuiteSpec spec = YAML.readValue(in, SuiteSpec.class);
            if (spec == null) {
                throw AssayException.badInput(what + " is empty");
            }
            return spec;
        } catch (UnrecognizedPropertyException e) {
            throw AssayException.badInput(what + ": unknown key '" + e.getPropertyName() + "' (known: "
                    + e.getKnownPropertyIds() + ")");
        } catch (IOException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw AssayException.badInput(what + " is not a valid suite: " + msg);
        }
    }

    private static SuiteSpec named(SuiteSpec s, String fallback) {
        return s.name() != null ? s : new SuiteSpec(fallback, s.description(), s.defaults(), s.runs());
    }
}
