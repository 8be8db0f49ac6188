package dev.assay.cli;

import dev.assay.api.backend.Availability;
import dev.assay.api.backend.BackendProvider;
import dev.assay.api.backend.WorkloadDescriptor;
import dev.assay.api.training.TrainingBackendProvider;
import dev.assay.core.backend.Backends;
import dev.assay.core.bundle.Json;
import dev.assay.core.suite.SuiteSpec;
import dev.assay.core.suite.Suites;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code assay list}: backends, their workloads and the built-in suites, with availability and reasons. */
@Command(name = "list", description = "List backends, built-in workloads and suites, with availability.")
public final class ListCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Backends.Discovery d = Backends.discover();
        List<Map<String, Object>> backends = new ArrayList<>();
        for (BackendProvider p : d.inference()) {
            backends.add(entry(p.name(), "inference", p.description(), safeAvailability(p::availability),
                    p.builtInWorkloads()));
        }
        for (TrainingBackendProvider p : d.training()) {
            backends.add(entry(p.name(), "training", p.description(), safeAvailability(p::availability),
                    p.builtInWorkloads()));
        }
        List<Map<String, Object>> suites = new ArrayList<>();
        for (String s : Suites.available()) {
            SuiteSpec spec = Suites.load(s);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s);
            m.put("description", spec.description());
            m.put("entries", spec.runs().size());
            suites.add(m);
        }
        if (json) {
            System.out.println(Json.pretty(Map.of("backends", backends, "suites", suites, "load_errors", d.loadErrors())));
            return AssayCli.OK;
        }
        System.out.println("Backends");
        for (Map<String, Object> b : backends) {
            System.out.println("  " + b.get("name") + " (" + b.get("phase") + "): " + b.get("description"));
            System.out.println("    " + b.get("availability"));
            @SuppressWarnings("unchecked")
            List<WorkloadDescriptor> ws = (List<WorkloadDescriptor>) b.get("workloads");
            for (WorkloadDescriptor w : ws) {
                System.out.println("    - " + w.name() + " [" + String.join(",", w.precisions()) + "]: " + w.description());
            }
        }
        if (backends.isEmpty()) {
            System.out.println("  none found on the class path");
        }
        d.loadErrors().forEach(e -> System.out.println("  load error: " + e));
        System.out.println();
        System.out.println("Suites (assay run --suite NAME)");
        for (Map<String, Object> s : suites) {
            System.out.println("  " + s.get("name") + ": " + s.get("description"));
        }
        return AssayCli.OK;
    }

    private static String safeAvailability(java.util.function.Supplier<Availability> a) {
        try {
            return switch (a.get()) {
                case Availability.Available ok -> "available: " + ok.detail();
                case Availability.Unavailable no -> "unavailable: " + no.reason();
            };
        } catch (RuntimeException | LinkageError e) {
            return "unavailable: availability check failed: " + e;
        }
    }

    private static Map<String, Object> entry(String name, String phase, String description, String availability,
                                             List<WorkloadDescriptor> workloads) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("phase", phase);
        m.put("description", description);
        m.put("availability", availability);
        m.put("workloads", workloads);
        return m;
    }
}
