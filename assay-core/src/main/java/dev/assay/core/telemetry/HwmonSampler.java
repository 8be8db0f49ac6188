package dev.assay.core.telemetry;

import dev.assay.api.backend.Availability;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Temperatures from hwmon ({@code /sys/class/hwmon/hwmon*}/{@code temp*_input}, millidegrees
 * Celsius). Each sensor is a channel {@code temp_c:<chip>/<label>}; {@code temp_c_max} is the
 * hottest sensor at that reading. Which physical part a chip covers depends on the driver
 * ({@code coretemp}/{@code k10temp}: CPU; {@code nvme}: drive; {@code acpitz}: board zone),
 * so the boundary is "node sensors".
 */
public final class HwmonSampler implements TelemetrySampler {
    private final Path root;

    public HwmonSampler() {
        this(Path.of("/"));
    }

    public HwmonSampler(Path root) {
        this.root = root;
    }

    @Override
    public String name() {
        return "hwmon";
    }

    @Override
    public Boundary boundary() {
        return Boundary.NODE;
    }

    @Override
    public Tier tier() {
        return Tier.CONTEXT;
    }

    private Path hwmon() {
        return root.resolve("sys/class/hwmon");
    }

    /** One temperature input. */
    record Sensor(String channel, Path input) {
    }

    List<Sensor> sensors() {
        List<Sensor> out = new ArrayList<>();
        for (Path chip : SysFiles.list(hwmon(), "hwmon*")) {
            String chipName = SysFiles.readOrNull(chip.resolve("name"));
            if (chipName == null) {
                chipName = chip.getFileName().toString();
            }
            for (Path input : SysFiles.list(chip, "temp*_input")) {
                String file = input.getFileName().toString();
                String base = file.substring(0, file.length() - "_input".length());
                String label = SysFiles.readOrNull(chip.resolve(base + "_label"));
                out.add(new Sensor("temp_c:" + chipName + "/" + (label == null ? base : label), input));
            }
        }
        return out;
    }

    @Override
    public Availability availability() {
        List<Sensor> sensors = sensors();
        if (sensors.isEmpty()) {
            return new Availability.Unavailable("temperatures: no temp*_input under " + hwmon() + "/hwmon*");
        }
        return new Availability.Available(sensors.size() + " hwmon temperature sensor(s)");
    }

    @Override
    public Session open() throws IOException {
        List<Sensor> sensors = sensors();
        if (sensors.isEmpty()) {
            throw new IOException(((Availability.Unavailable) availability()).reason());
        }
        return new Session() {
            @Override
            public TelemetrySample sample() throws IOException {
                Map<String, Double> ch = new LinkedHashMap<>();
                double max = Double.NaN;
                for (Sensor s : sensors) {
                    try {
                        double c = SysFiles.readLong(s.input()) / 1000.0;
                        ch.put(s.channel(), c);
                        max = Double.isNaN(max) ? c : Math.max(max, c);
                    } catch (IOException e) {
                        // Some inputs return EIO while the device sleeps (e.g. NVMe in a low-power state): skip that reading.
                    }
                }
                if (!Double.isNaN(max)) {
                    ch.put("temp_c_max", max);
                }
                return TelemetrySample.context(ch);
            }

            @Override
            public String source() {
                return sensors.size() + " hwmon temperature input(s) (" + hwmon() + ")";
            }

            @Override
            public void close() {
            }
        };
    }
}
