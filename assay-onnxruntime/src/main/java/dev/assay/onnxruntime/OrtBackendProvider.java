package dev.assay.onnxruntime;

import dev.assay.api.AssayException;
import dev.assay.api.Phase;
import dev.assay.api.backend.Availability;
import dev.assay.api.backend.Backend;
import dev.assay.api.backend.BackendProvider;
import dev.assay.api.backend.WorkloadDescriptor;
import dev.assay.onnxruntime.models.ModelFamilies;
import java.util.List;

/**
 * ServiceLoader entry of the in-process ONNX Runtime backend. Constructing it is free; the
 * native library is loaded by {@link #availability()} or {@link #create()}.
 */
public final class OrtBackendProvider implements BackendProvider {
    public static final String NAME = "onnxruntime";
    /** Precision ids every built-in family can be built at; whether each runs is measured. */
    public static final List<String> PRECISIONS = List.of("fp32", "fp16", "bf16", "int8", "int4");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int rank() {
        return 100;
    }

    @Override
    public String description() {
        return "ONNX Runtime in-process (Java API), CPU execution provider; built-in model families and external .onnx models";
    }

    @Override
    public Availability availability() {
        try {
            var env = OrtRuntime.env();
            return new Availability.Available("ONNX Runtime " + env.getVersion() + ", providers " + OrtRuntime.providers());
        } catch (Throwable t) { // UnsatisfiedLinkError, ExceptionInInitializerError: report, never crash
            String msg = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
            return new Availability.Unavailable("ONNX Runtime native library failed to load: " + msg.lines().findFirst().orElse(msg));
        }
    }

    @Override
    public List<WorkloadDescriptor> builtInWorkloads() {
        return ModelFamilies.FAMILIES.stream()
                .map(f -> new WorkloadDescriptor(f.id(), Phase.INFERENCE, f.description(), PRECISIONS))
                .toList();
    }

    @Override
    public Backend create() throws AssayException {
        try {
            return new OrtBackend(OrtRuntime.env());
        } catch (Throwable t) {
            throw AssayException.failure("ONNX Runtime could not start: " + t.getMessage(), t);
        }
    }
}
