package dev.assay.kernels;

/**
 * Whether the incubator Vector API module is in the boot layer. Providers call this before
 * touching any Vector API class, so a JVM started without {@code --add-modules jdk.incubator.vector}
 * gets a clear reason instead of a {@link NoClassDefFoundError}.
 */
public final class VectorModule {
    /** The flag to add when the module is missing. */
    public static final String FLAG = "--add-modules jdk.incubator.vector";

    private VectorModule() {
    }

    /** True when {@code jdk.incubator.vector} is resolved in the boot layer. */
    public static boolean present() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** Why Vector API kernels cannot run, or null when they can. */
    public static String absenceReason() {
        return present() ? null : "Vector API module not in this JVM (start it with " + FLAG + ")";
    }

    /** Throws {@link IllegalStateException} with the reason when the module is absent. */
    public static void require() {
        String reason = absenceReason();
        if (reason != null) {
            throw new IllegalStateException(reason);
        }
    }
}
