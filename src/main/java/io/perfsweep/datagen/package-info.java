/**
 * Mooncake-format prefix-structured traces: reading and writing ({@link io.perfsweep.datagen.TraceReader},
 * {@link io.perfsweep.datagen.TraceWriter}), Dynamo's {@code datagen analyze} ({@link io.perfsweep.datagen.TraceAnalyzer})
 * and {@code datagen synthesize} ({@link io.perfsweep.datagen.TraceSynthesizer}), prompts to hash ids
 * ({@link io.perfsweep.datagen.PromptHashIds}) and the planner's warm-up binning ({@link io.perfsweep.datagen.TraceBins}).
 *
 * <p>
 * Deviations from Dynamo, all deliberate: ceil-rule violations are reported instead of failing an assertion (the
 * synthesizer still refuses them); random streams are Java's {@code SplittableRandom} seeded by one seed, so output is
 * reproducible within perfsweep but not equal to numpy's; a row without hash ids ends at the super-root; synthesis
 * stops with an error instead of looping forever when the ISL limits drop almost every request; prompt blocks are
 * keyed by their content, not by Python's {@code hash}, so no collision can merge prefixes. Pure JDK + Jackson.
 */
package io.perfsweep.datagen;
