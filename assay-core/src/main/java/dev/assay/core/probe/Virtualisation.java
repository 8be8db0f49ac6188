package dev.assay.core.probe;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Says whether the host is a virtual machine and/or a container. The result is a short
 * normalised string ("vm: kvm; container: docker", "none detected") because it is part of
 * the fingerprint: which tool happened to be installed must not change it.
 * Evidence, strongest first: {@code systemd-detect-virt --vm/--container}; lscpu's
 * "Hypervisor vendor"; DMI sys_vendor/product_name; the cpuinfo {@code hypervisor} flag;
 * {@code /.dockerenv} and {@code /run/.containerenv}.
 */
public final class Virtualisation {
    private Virtualisation() {
    }

    /** Detects from the given sources; {@code hypervisorFlag} is the cpuinfo flag. */
    public static String detect(ProbeSources src, Lscpu lscpu, boolean hypervisorFlag) {
        String vm = detectVirt(src.commands(), "--vm")
                .or(() -> lscpu.get("Hypervisor vendor").map(s -> s.toLowerCase(Locale.ROOT)))
                .or(() -> dmiHint(src))
                .orElse(hypervisorFlag ? "unknown hypervisor (cpuinfo hypervisor flag)" : null);
        String container = detectVirt(src.commands(), "--container")
                .or(() -> Optional.ofNullable(src.path(".dockerenv").toFile().exists() ? "docker" : null))
                .or(() -> Optional.ofNullable(src.path("run/.containerenv").toFile().exists() ? "podman" : null))
                .orElse(null);
        if (vm == null && container == null) {
            return "none detected";
        }
        StringBuilder sb = new StringBuilder();
        if (vm != null) {
            sb.append("vm: ").append(vm);
        }
        if (container != null) {
            sb.append(sb.isEmpty() ? "" : "; ").append("container: ").append(container);
        }
        return sb.toString();
    }

    private static Optional<String> detectVirt(CommandRunner commands, String kind) {
        // Exit 1 with "none" is systemd-detect-virt's way of saying "not virtualised".
        if (commands.run(List.of("systemd-detect-virt", kind)) instanceof CommandOutcome.Completed c) {
            String out = c.stdout().strip();
            if (c.ok() && !out.isEmpty() && !out.equals("none")) {
                return Optional.of(out);
            }
        }
        return Optional.empty();
    }

    /** Maps well-known DMI vendor/product strings to hypervisor names. */
    static Optional<String> dmiHint(ProbeSources src) {
        String vendor = src.readLine("sys/class/dmi/id/sys_vendor").orElse("");
        String product = src.readLine("sys/class/dmi/id/product_name").orElse("");
        String both = (vendor + " " + product).toLowerCase(Locale.ROOT);
        if (both.isBlank() || both.contains(".metal")) {
            return Optional.empty(); // EC2 bare-metal instances carry the Amazon EC2 vendor string too
        }
        if (both.contains("qemu") || both.contains("kvm")) {
            return Optional.of("kvm");
        }
        if (both.contains("amazon ec2")) {
            return Optional.of("amazon");
        }
        if (both.contains("google compute engine")) {
            return Optional.of("google");
        }
        if (both.contains("vmware")) {
            return Optional.of("vmware");
        }
        if (both.contains("virtualbox")) {
            return Optional.of("oracle");
        }
        if (both.contains("microsoft") && both.contains("virtual")) {
            return Optional.of("microsoft");
        }
        if (both.contains("xen")) {
            return Optional.of("xen");
        }
        return Optional.empty();
    }
}
