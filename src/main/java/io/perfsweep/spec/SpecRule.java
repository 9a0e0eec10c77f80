package io.perfsweep.spec;

/**
 * A rule on a read spec that the contract leaves to the package that knows it, so that {@code spec} uses no other
 * package of ours: for instance whether a {@code plannerProfile} workload has sweeps the profiler can run, which is the
 * profiler's arithmetic. {@link JobSpecParser} checks its rules after its own, so their violations come in the same
 * answer as the others.
 */
@FunctionalInterface
public interface SpecRule {

    /** Reports what is wrong with {@code spec}; {@link Violations#hasAnyUnder} tells what was already reported. */
    void check(JobSpec spec, Violations violations);
}
