/**
 * The job spec {@code perfsweep/v1}: the one contract of the CLI, REST and NATS. The spec is records
 * ({@link io.perfsweep.spec.JobSpec}, sealed {@link io.perfsweep.spec.JobWorkload} and
 * {@link io.perfsweep.spec.JobLoad}); {@link io.perfsweep.spec.JobSpecParser} reads them, {@link
 * io.perfsweep.spec.JobSpecJson} writes them back, {@link io.perfsweep.spec.JobSpecSchema} publishes their JSON Schema
 * ({@code perfsweep schema}, {@code GET /api/schema}).
 * <p>
 * Decision (issue #12): the records are read from Jackson's tree by {@code SpecObject} and the readers, not bound by
 * Jackson databind plus Hibernate Validator. Binding stops at the first wrong type, cannot fill type-dependent
 * defaults (a load's fields differ by its {@code type}) without custom deserializers, and its messages name
 * Java types; the tree reader reports every violation at once with its JSON path and a message a user can act on,
 * which the rejection tests pin. Drift between the two copies of the contract (readers and schema) is what the issue
 * feared; {@code JobSpecSchemaTest} rules it out both ways: every documented example and valid test job passes the
 * parser and the schema (networknt's validator), every rejection case is rejected by both, and a misspelt field in
 * any object of any example is rejected by both. The few rules only the parser can check (cross-field, ceilings from
 * configuration) are listed there with why.
 */
package io.perfsweep.spec;
