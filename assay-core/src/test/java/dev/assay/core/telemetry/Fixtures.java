package dev.assay.core.telemetry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Paths of the fixture trees and a helper to lay a snapshot over a temporary root. */
final class Fixtures {
    static final Path BASE = Path.of("src/test/resources/telemetry");
    static final Path RECORDED_EPYC = BASE.resolve("recorded-epyc-kvm");
    static final Path CONSTRUCTED_NODE = BASE.resolve("constructed-node");
    static final Path RAPL = BASE.resolve("constructed-rapl-2socket");

    private Fixtures() {
    }

    /** Copies every file below {@code from} to the same relative path below {@code root}, replacing existing ones. */
    static void overlay(Path from, Path root) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path target = root.resolve(from.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void copy(Path file, Path target) {
        try {
            Files.createDirectories(target.getParent());
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
