package dev.assay.core.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fashion-MNIST (Zalando; 60,000 training and 10,000 test images of 28x28 grey-scale
 * clothing items in 10 classes) as installed by the Debian package
 * {@code dataset-fashion-mnist}, which puts the four gzip-compressed IDX files in
 * {@code /usr/share/datasets/fashion-mnist}.
 */
public final class FashionMnist {
    /** The one line a user needs to get the dataset. */
    public static final String INSTALL_HINT = "sudo apt-get install dataset-fashion-mnist";
    /** Debian package name. */
    public static final String PACKAGE = "dataset-fashion-mnist";
    /** Environment variable that points at a dataset folder (checked after an explicit override). */
    public static final String ENV_VAR = "ASSAY_FASHION_MNIST";
    /** Number of classes. */
    public static final int CLASSES = 10;

    static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    private static final List<String> FILES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

    /** Folders searched when no override is given, most specific first. */
    static final List<Path> KNOWN_DIRS = List.of(
            Path.of("/usr/share/datasets/fashion-mnist"),
            Path.of("/usr/share/dataset-fashion-mnist"),
            Path.of("/usr/share/fashion-mnist"),
            Path.of("/usr/local/share/datasets/fashion-mnist"));
    /** dpkg's file list of the package: finds the data wherever a future package version puts it. */
    static final Path DPKG_LIST = Path.of("/var/lib/dpkg/info/" + PACKAGE + ".list");

    private FashionMnist() {
    }

    /** Where the dataset was found, or why it was not. */
    public sealed interface Location {
        /** The dataset folder; {@code how} says how it was found (override, env, known folder, dpkg). */
        record Found(Path dir, String how) implements Location {
        }

        /** Not found; {@code reason} says where it looked and ends with the install hint. */
        record Absent(String reason) implements Location {
            public Absent {
                if (reason == null || reason.isBlank()) {
                    throw new IllegalArgumentException("an absent dataset must say why");
                }
            }
        }

        /** The folder when found, empty when absent. */
        default Optional<Path> folder() {
            return this instanceof Found f ? Optional.of(f.dir()) : Optional.empty();
        }
    }

    /** A loaded dataset and where it came from. */
    public record Dataset(LabelledImages train, LabelledImages test, Path source) {
        /** One line for disclosure, e.g. "Fashion-MNIST from /usr/share/..., 60000 train / 10000 test". */
        public String describe() {
            return "Fashion-MNIST from " + source + ", " + train.size() + " train / " + test.size() + " test";
        }
    }

    /**
     * Finds the dataset. With an {@code override}, only that folder is checked (a user who
     * names a folder means that folder); otherwise {@value #ENV_VAR}, the known install
     * folders and the dpkg file list are tried in that order.
     */
    public static Location locate(Path override) {
        return locate(override, System.getenv(ENV_VAR), KNOWN_DIRS, DPKG_LIST);
    }

    static Location locate(Path override, String env, List<Path> knownDirs, Path dpkgList) {
        if (override != null) {
            Optional<String> missing = missingFiles(override);
            return missing.isEmpty()
                    ? new Location.Found(override, "--data " + override)
                    : new Location.Absent("--data " + override + ": " + missing.get());
        }
        List<String> looked = new ArrayList<>();
        if (env != null && !env.isBlank()) {
            Path dir = Path.of(env);
            if (missingFiles(dir).isEmpty()) {
                return new Location.Found(dir, ENV_VAR + "=" + env);
            }
            looked.add(ENV_VAR + "=" + env);
        }
        for (Path dir : knownDirs) {
            if (missingFiles(dir).isEmpty()) {
                return new Location.Found(dir, "known install folder " + dir);
            }
            looked.add(dir.toString());
        }
        Optional<Path> fromDpkg = fromDpkgList(dpkgList);
        if (fromDpkg.isPresent() && missingFiles(fromDpkg.get()).isEmpty()) {
            return new Location.Found(fromDpkg.get(), "dpkg file list of " + PACKAGE);
        }
        looked.add(dpkgList.toString());
        return new Location.Absent("Fashion-MNIST not found (looked in " + String.join(", ", looked)
                + "); install it with: " + INSTALL_HINT);
    }

    /** Empty when all four files exist (plain or .gz), else what is missing. */
    static Optional<String> missingFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.of("not a folder");
        }
        List<String> missing = new ArrayList<>();
        for (String name : FILES) {
            if (resolve(dir, name).isEmpty()) {
                missing.add(name + "[.gz]");
            }
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of("missing " + String.join(", ", missing));
    }

    private static Optional<Path> resolve(Path dir, String name) {
        for (String candidate : List.of(name + ".gz", name)) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> fromDpkgList(Path dpkgList) {
        if (!Files.isRegularFile(dpkgList)) {
            return Optional.empty();
        }
        try {
            for (String line : Files.readAllLines(dpkgList, StandardCharsets.UTF_8)) {
                if (line.endsWith("/" + TRAIN_IMAGES + ".gz") || line.endsWith("/" + TRAIN_IMAGES)) {
                    return Optional.ofNullable(Path.of(line).getParent());
                }
            }
        } catch (IOException e) {
            // An unreadable dpkg list just means this way of finding the data does not work here.
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Loads both splits from a folder holding the four IDX files (plain or gzip). */
    public static Dataset load(Path dir) throws IOException {
        LabelledImages train = loadSplit(dir, TRAIN_IMAGES, TRAIN_LABELS);
        LabelledImages test = loadSplit(dir, TEST_IMAGES, TEST_LABELS);
        return new Dataset(train, test, dir);
    }

    private static LabelledImages loadSplit(Path dir, String imagesName, String labelsName) throws IOException {
        Path imagesFile = resolve(dir, imagesName)
                .orElseThrow(() -> new IOException(dir + ": missing " + imagesName + "[.gz]"));
        Path labelsFile = resolve(dir, labelsName)
                .orElseThrow(() -> new IOException(dir + ": missing " + labelsName + "[.gz]"));
        return toLabelledImages(IdxFile.read(imagesFile), IdxFile.read(labelsFile), imagesFile + " / " + labelsFile);
    }

    /** Converts raw IDX arrays (images [n, rows, cols], labels [n]) to scaled floats. */
    static LabelledImages toLabelledImages(IdxFile.UbyteArray images, IdxFile.UbyteArray labels, String name)
            throws IOException {
        int[] dims = images.dims();
        if (dims.length != 3) {
            throw new IOException(name + ": images must have 3 dimensions [n, rows, cols], found " + dims.length);
        }
        if (labels.dims().length != 1) {
            throw new IOException(name + ": labels must have 1 dimension, found " + labels.dims().length);
        }
        if (labels.count() != images.count()) {
            throw new IOException(name + ": " + images.count() + " images but " + labels.count() + " labels");
        }
        int n = images.count();
        int size = images.itemSize();
        byte[] pixels = images.data();
        float[][] out = new float[n][size];
        for (int i = 0; i < n; i++) {
            float[] row = out[i];
            int base = i * size;
            for (int j = 0; j < size; j++) {
                row[j] = (pixels[base + j] & 0xFF) / 255f;
            }
        }
        byte[] rawLabels = labels.data();
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rawLabels[i] & 0xFF;
            if (y[i] >= CLASSES) {
                throw new IOException(name + ": label " + y[i] + " at index " + i + " is outside 0.." + (CLASSES - 1));
            }
        }
        return new LabelledImages(out, y, dims[1], dims[2], CLASSES);
    }
}
