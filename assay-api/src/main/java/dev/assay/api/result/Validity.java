package dev.assay.api.result;

import java.util.List;

/**
 * The verdict on a run and the checks behind it.
 *
 * @param verdict VALID when every check passed, INVALID otherwise; UNSUPPORTED or FAILED when
 *                the configuration could not run at all
 * @param checks  the rules applied
 */
public record Validity(Verdict verdict, List<Check> checks) {
    public Validity {
        checks = List.copyOf(checks);
    }

    /** Verdict values. */
    public enum Verdict { VALID, INVALID, UNSUPPORTED, FAILED }

    /** VALID when all checks pass, INVALID otherwise. */
    public static Validity of(List<Check> checks) {
        return new Validity(checks.stream().allMatch(Check::passed) ? Verdict.VALID : Verdict.INVALID, checks);
    }
}
