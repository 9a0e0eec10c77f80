/**
 * Profiles for Dynamo's SLA planner (issue #14): the points its profiler runs against one engine
 * ({@link io.perfsweep.planner.PlannerSweeps}) and the files its planner reads from the measured points
 * ({@link io.perfsweep.planner.PlannerProfileFiles}), written as JSON and as NumPy NPZ by the project's own
 * {@link io.perfsweep.planner.Npy} and {@link io.perfsweep.planner.Npz}.
 *
 * <p>
 * A leaf: pure JDK, no framework and none of perfsweep's other packages, so {@code job} (the job type), {@code report}
 * (its plots) and {@code cli} can all use it. Formulas, keys and file names: spec/anchors.md §6.2.
 */
package io.perfsweep.planner;
