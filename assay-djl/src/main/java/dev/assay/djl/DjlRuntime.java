package dev.assay.djl;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.assay.api.AssayException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Configures and loads DJL's PyTorch engine once per JVM. Everything DJL would otherwise
 * decide by itself is pinned before the engine class is touched, because DJL reads these
 * settings only at first load:
 * <ul>
 *   <li>{@code DJL_CACHE_DIR}: where DJL extracts the natives; defaults to
 *       {@code ~/.cache/assay/djl} so nothing lands in a surprising place.</li>
 *   <li>{@code ai.djl.offline=true}: DJL must never download; the natives come from the
 *       {@code pytorch-native-cpu} jar on the classpath.</li>
 *   <li>{@code ai.djl.pytorch.num_threads} / {@code num_interop_threads}: PyTorch intra-op and
 *       inter-op threads (defaults: all available processors, and 1).</li>
 * </ul>
 * A setting already given as a system property (or, for the cache, as an environment
 * variable) is kept, and what was effective is disclosed.
 */
final class DjlRuntime {
    static final String CACHE_DIR = "DJL_CACHE_DIR";
    static final String ENGINE_CACHE_DIR = "ENGINE_CACHE_DIR";
    static final String OFFLINE = "ai.djl.offline";
    static final String NUM_THREADS = "ai.djl.pytorch.num_threads";
    static final String NUM_INTEROP_THREADS = "ai.djl.pytorch.num_interop_threads";
    static final String ENGINE_NAME = "PyTorch";
    /** Environment variables that steer the native libraries under PyTorch; disclosed when set. */
    private static final String[] NATIVE_ENV_PREFIXES = {"OMP_", "KMP_", "MKL_", "DNNL_", "ONEDNN_", "PYTORCH_",
        "DJL_", "ENGINE_CACHE_DIR", "GOMP_", "ATEN_", "TORCH_"};

    private static EngineInfo info;
    private static String failure;

    private DjlRuntime() {
    }

    /**
     * What was loaded.
     *
     * @param djlVersion     DJL version
     * @param torchVersion   PyTorch version as the engine reports it
     * @param features       build features libtorch reports (e.g. MKL, MKLDNN, OPENMP)
     * @param cacheDir       DJL cache folder in effect
     * @param nativeSource   where the natives came from
     * @param nativeEnv      environment variables that steer the natives, as set
     */
    record EngineInfo(String djlVersion, String torchVersion, Set<String> features, Path cacheDir,
                      String nativeSource, Map<String, String> nativeEnv) {
        EngineInfo {
            features = Set.copyOf(features);
            nativeEnv = Map.copyOf(nativeEnv);
        }

        String framework() {
            return "DJL " + djlVersion + " / PyTorch " + torchVersion;
        }
    }

    /** Sets DJL's system properties unless the user already did; safe to call repeatedly. */
    static synchronized void configure() {
        if (System.getProperty(CACHE_DIR) == null && System.getenv(CACHE_DIR) == null) {
            System.setProperty(CACHE_DIR, defaultCacheDir().toString());
        }
        if (System.getProperty(OFFLINE) == null) {
            System.setProperty(OFFLINE, "true");
        }
        if (System.getProperty(NUM_THREADS) == null) {
            System.setProperty(NUM_THREADS, Integer.toString(Runtime.getRuntime().availableProcessors()));
        }
        if (System.getProperty(NUM_INTEROP_THREADS) == null) {
            System.setProperty(NUM_INTEROP_THREADS, "1");
        }
    }

    static Path defaultCacheDir() {
        return Path.of(System.getProperty("user.home"), ".cache", "assay", "djl");
    }

    static Path cacheDir() {
        String p = System.getProperty(CACHE_DIR);
        return Path.of(p != null ? p : System.getenv(CACHE_DIR) != null ? System.getenv(CACHE_DIR)
                : defaultCacheDir().toString());
    }

    /**
     * Loads the engine (once). Native loading failures (missing library, wrong CPU or libc)
     * surface as a {@link AssayException} with the reason, never as a crash of the caller.
     */
    static synchronized EngineInfo load() throws AssayException {
        if (info != null) {
            return info;
        }
        if (failure != null) {
            throw AssayException.unsupported(failure);
        }
        configure();
        try {
            Engine engine = Engine.getEngine(ENGINE_NAME);
            Set<String> features = new TreeSet<>(JniUtils.getFeatures());
            info = new EngineInfo(Engine.getDjlVersion(), engine.getVersion(), features, cacheDir(),
                    nativeSource(), nativeEnv());
            return info;
        } catch (Throwable t) {
            // UnsatisfiedLinkError, EngineException, NoClassDefFoundError...: all mean "not usable here".
            failure = "DJL PyTorch engine failed to load: " + t.getClass().getSimpleName() + ": " + t.getMessage()
                    + (t.getCause() != null ? " (" + t.getCause() + ")" : "");
            throw AssayException.unsupported(failure);
        }
    }

    /** Current PyTorch intra-op threads (after load). */
    static int intraOpThreads() {
        return JniUtils.getNumThreads();
    }

    /** Current PyTorch inter-op threads (after load). */
    static int interOpThreads() {
        return JniUtils.getNumInteropThreads();
    }

    /** Describes the natives jar on the classpath, read from its own descriptor. */
    static String nativeSource() {
        try (InputStream in = DjlRuntime.class.getClassLoader().getResourceAsStream("native/lib/pytorch.properties")) {
            if (in == null) {
                return "no pytorch-native jar on the classpath (natives from "
                        + (System.getenv("PYTORCH_LIBRARY_PATH") != null ? "PYTORCH_LIBRARY_PATH" : "DJL cache") + ")";
            }
            Properties p = new Properties();
            p.load(in);
            return "pytorch-native-" + p.getProperty("flavor", "?") + " jar on the classpath (libtorch "
                    + p.getProperty("version", "?") + ", " + p.getProperty("classifier", "?") + "), extracted to "
                    + cacheDir();
        } catch (IOException e) {
            return "unknown (cannot read native/lib/pytorch.properties: " + e.getMessage() + ")";
        }
    }

    static Map<String, String> nativeEnv() {
        Map<String, String> out = new TreeMap<>();
        System.getenv().forEach((k, v) -> {
            for (String prefix : NATIVE_ENV_PREFIXES) {
                if (k.startsWith(prefix)) {
                    out.put(k, v);
                }
            }
        });
        return out;
    }
}
