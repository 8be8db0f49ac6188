package dev.assay.core.telemetry;

import dev.assay.api.backend.Availability;
import java.io.IOException;

/**
 * A source of telemetry, found by ServiceLoader ({@code META-INF/services/dev.assay.core.telemetry.TelemetrySampler}).
 * Implementations are cheap to construct (no file or native access in the constructor) and
 * read below a root path ({@code /} in production, a recorded tree in tests).
 * State that spans readings (previous counters, wrap-around, native handles) lives in the
 * {@link Session}, so one sampler can be opened many times.
 */
public interface TelemetrySampler {
    /** Stable id, e.g. {@code rapl}, {@code nvml}, {@code cpu-util}. */
    String name();

    /** What the readings cover. */
    Boundary boundary();

    /** Whether and how it measures energy. */
    Tier tier();

    /** Whether anything is readable here, and if not, why (shown to the user verbatim). */
    Availability availability();

    /** Opens a session; throws with the reason when nothing is readable. */
    Session open() throws IOException;

    /** Readings over time from one opened sampler. */
    interface Session extends AutoCloseable {
        /** Reads every channel now. */
        TelemetrySample sample() throws IOException;

        /** One line naming what is read, e.g. {@code RAPL package-0, package-1 (/sys/class/powercap)}. */
        String source();

        @Override
        void close();
    }
}
