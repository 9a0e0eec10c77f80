package io.perfsweep.workload;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

class WorkloadArchitectureTest {

    @Test
    void workloadDependsOnNoOtherPerfsweepPackageButTheSharedEncoding() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.perfsweep.workload");

        noClasses().that().resideInAPackage("io.perfsweep.workload..").should()
                .dependOnClassesThat(resideInAPackage("io.perfsweep..").and(not(resideInAnyPackage(
                        "io.perfsweep.workload..", "io.perfsweep.encoding.."))))
                .check(classes);
    }
}
