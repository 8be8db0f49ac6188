package dev.assay.core.probe;

import java.util.Map;

/**
 * Maps x86 CPUID family/model to a microarchitecture name for the common server and client
 * parts. The table is deliberately conservative: a pair not listed gives
 * "unknown (family F model M)" rather than a guess, since the name feeds comparability.
 * Sources: the Linux kernel's arch/x86/include/asm/intel-family.h and AMD's family/model
 * ranges as documented in its processor programming references.
 */
public final class Microarchitectures {
    private Microarchitectures() {
    }

    /** Intel family 6 models (decimal) to names. */
    private static final Map<Integer, String> INTEL_FAMILY_6 = Map.ofEntries(
            Map.entry(42, "Sandy Bridge"), Map.entry(45, "Sandy Bridge-EP"),
            Map.entry(58, "Ivy Bridge"), Map.entry(62, "Ivy Bridge-EP"),
            Map.entry(60, "Haswell"), Map.entry(63, "Haswell-EP"), Map.entry(69, "Haswell"), Map.entry(70, "Haswell"),
            Map.entry(61, "Broadwell"), Map.entry(71, "Broadwell"), Map.entry(79, "Broadwell-EP"),
            Map.entry(86, "Broadwell-DE"),
            Map.entry(78, "Skylake"), Map.entry(94, "Skylake"),
            Map.entry(87, "Knights Landing"), Map.entry(133, "Knights Mill"),
            Map.entry(142, "Kaby Lake / Coffee Lake"), Map.entry(158, "Kaby Lake / Coffee Lake"),
            Map.entry(165, "Comet Lake"), Map.entry(166, "Comet Lake"),
            Map.entry(102, "Cannon Lake"),
            Map.entry(106, "Ice Lake-SP"), Map.entry(108, "Ice Lake-D"),
            Map.entry(125, "Ice Lake"), Map.entry(126, "Ice Lake"),
            Map.entry(140, "Tiger Lake"), Map.entry(141, "Tiger Lake"),
            Map.entry(167, "Rocket Lake"),
            Map.entry(151, "Alder Lake"), Map.entry(154, "Alder Lake"),
            Map.entry(183, "Raptor Lake"), Map.entry(186, "Raptor Lake"), Map.entry(191, "Raptor Lake"),
            Map.entry(170, "Meteor Lake"), Map.entry(172, "Meteor Lake"),
            Map.entry(189, "Lunar Lake"), Map.entry(197, "Arrow Lake"), Map.entry(198, "Arrow Lake"),
            Map.entry(143, "Sapphire Rapids"), Map.entry(207, "Emerald Rapids"),
            Map.entry(173, "Granite Rapids"), Map.entry(174, "Granite Rapids-D"),
            Map.entry(175, "Sierra Forest"), Map.entry(221, "Clearwater Forest"));

    /**
     * The microarchitecture of a CPU.
     *
     * @param vendor   vendor_id (GenuineIntel, AuthenticAMD, ...)
     * @param family   CPUID family as /proc/cpuinfo prints it (decimal), -1 when unknown
     * @param model    CPUID model (decimal), -1 when unknown
     * @param stepping stepping, used where one model number covers several generations
     */
    public static String name(String vendor, int family, int model, int stepping) {
        String known = switch (vendor) {
            case "GenuineIntel" -> intel(family, model, stepping);
            case "AuthenticAMD", "HygonGenuine" -> amd(family, model);
            default -> null;
        };
        return known != null ? known : "unknown (family " + family + " model " + model + ")";
    }

    private static String intel(int family, int model, int stepping) {
        if (family != 6) {
            return null;
        }
        if (model == 85) {
            // One model number, three generations: the stepping tells them apart.
            if (stepping >= 10) {
                return "Cooper Lake";
            }
            return stepping >= 5 ? "Cascade Lake" : "Skylake-SP";
        }
        return INTEL_FAMILY_6.get(model);
    }

    private static String amd(int family, int model) {
        if (model < 0) {
            return null;
        }
        return switch (family) {
            case 23 -> switch (model) { // 17h
                case 0x01 -> "Zen (Naples)";
                case 0x31 -> "Zen 2 (Rome)";
                default -> model < 0x30 ? "Zen / Zen+" : "Zen 2";
            };
            case 25 -> { // 19h
                if (model == 0x01) {
                    yield "Zen 3 (Milan)";
                }
                if (model == 0x11) {
                    yield "Zen 4 (Genoa)";
                }
                if (model == 0x18) {
                    yield "Zen 4 (Storm Peak)";
                }
                if (model >= 0xA0 && model <= 0xAF) {
                    yield "Zen 4c (Bergamo / Siena)";
                }
                if (model >= 0x40 && model <= 0x4F) {
                    yield "Zen 3+";
                }
                if ((model >= 0x10 && model <= 0x1F) || (model >= 0x60 && model <= 0x7F)) {
                    yield "Zen 4";
                }
                if (model <= 0x0F || (model >= 0x20 && model <= 0x5F)) {
                    yield "Zen 3";
                }
                yield null;
            }
            case 26 -> switch (model) { // 1Ah
                case 0x02 -> "Zen 5 (Turin)";
                case 0x11 -> "Zen 5c (Turin Dense)";
                default -> "Zen 5";
            };
            default -> null;
        };
    }
}
