package io.perfsweep;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** Keeps the package arrows of DESIGN.md: entry points depend on leaves, never the other way round. */
class ArchitectureTest {

    private static final String BASE = "io.perfsweep";

    /**
     * Which of our packages each package may use, besides {@code config} which every package may read ({@code spec}
     * reads it for one thing: {@code JobLimits.from}, the ceilings a job must stay under, which are configured).
     */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            // the job spec, the one contract of CLI, REST and NATS: it uses nothing of ours, so it cannot drift with
            // the engine; what turns a spec into a sweep (SweepSpecs) and the profiler's rule (PlannerProfilePlan) are
            // the job package's
            Map.entry("spec", Set.of()),
            Map.entry("metrics", Set.of()),
            Map.entry("client", Set.of()),
            // the one o200k_base table of the process, read by the fallback tokenizer and the mock engine alike
            Map.entry("encoding", Set.of()),
            Map.entry("workload", Set.of("encoding")),
            Map.entry("mock", Set.of("encoding")),
            Map.entry("events", Set.of()),
            Map.entry("config", Set.of()),
            Map.entry("planner", Set.of()),
            Map.entry("telemetry", Set.of("metrics")),
            Map.entry("store", Set.of("metrics")),
            // JsonSyntaxErrors: a trace row that is not JSON is described as a job that is not JSON is
            Map.entry("datagen", Set.of("workload", "spec")),
            Map.entry("server", Set.of("metrics")),
            Map.entry("verdict", Set.of("metrics")),
            Map.entry("report", Set.of("metrics", "store", "server", "verdict")),
            Map.entry("load", Set.of("client", "metrics", "workload", "server")),
            Map.entry("job", Set.of("spec", "load", "store", "events", "report", "metrics", "telemetry", "client",
                    "workload", "datagen", "server", "planner")));

    /** Imported once for the class, not once per test method (a fresh instance each): the import is the slow part. */
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BASE);

    @Test
    void packagesUseOnlyWhatTheDesignAllows() {
        ALLOWED.forEach((pkg, allowed) -> {
            String[] forbidden = ALLOWED.keySet().stream()
                    .filter(other -> !other.equals(pkg) && !other.equals("config") && !allowed.contains(other))
                    .map(other -> BASE + "." + other + "..")
                    .toArray(String[]::new);
            noClasses().that().resideInAPackage(BASE + "." + pkg + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                    .check(CLASSES);
        });
    }

    @Test
    void nothingDependsOnTheEntryPoints() {
        noClasses().that().resideOutsideOfPackages(BASE + ".cli..", BASE + ".api..")
                .and().doNotHaveFullyQualifiedName(BASE + ".PerfsweepMain")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".cli..", BASE + ".api..")
                .check(CLASSES);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching(BASE + ".(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void measurementStaysFrameworkFree() {
        noClasses().that().resideInAnyPackage(BASE + ".metrics..", BASE + ".verdict..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("io.quarkus..", "io.vertx..", "jakarta..", "com.fasterxml..", "io.smallrye..")
                .check(CLASSES);
    }
}
