package io.perfsweep.mock;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

class MockIsolationTest {

    @Test
    void mockUsesOnlyItselfTheJdkVertxCoreWithItsNettyJacksonAndJtokkitWithTheSharedTable() {
        ArchConfiguration archConfig = ArchConfiguration.get();
        boolean resolve = archConfig.resolveMissingDependenciesFromClassPath();
        archConfig.setResolveMissingDependenciesFromClassPath(false); // names suffice; resolving Vert.x takes seconds
        JavaClasses mock;
        try {
            mock = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("io.perfsweep.mock");
        } finally {
            archConfig.setResolveMissingDependenciesFromClassPath(resolve);
        }
        classes().that().resideInAPackage("io.perfsweep.mock..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.perfsweep.mock..", "java..",
                        "io.vertx.core..", "io.netty..", "com.fasterxml.jackson..", "com.knuddels.jtokkit..",
                        "io.perfsweep.encoding..") // jtokkit's o200k table, one per process
                .check(mock);
    }
}
