package io.dualuse.screening;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/** The layout of docs/architecture.md, checked on the service's compiled classes (not the tests or the demo). */
class ArchitectureTest {

    private static JavaClasses service;

    @BeforeAll
    static void importService() {
        service = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.dualuse.screening");
        // the rules below would pass on nothing: make sure the classes are there
        assertThat(service.containPackage("io.dualuse.screening.core.screening")).isTrue();
        assertThat(service.containPackage("io.dualuse.screening.pipeline")).isTrue();
    }

    @Test
    void theCoreImportsNoFrameworkAndNoGeneratedAvro() {
        noClasses().that().resideInAPackage("io.dualuse.screening.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "org.apache.kafka..", "jakarta..",
                        "javax.ws..", "io.smallrye..", "io.vertx..", "org.apache.avro..", "org.eclipse.microprofile..",
                        "io.micrometer..", "org.jboss..", "io.dualuse.screening.*.event..")
                .because("the core is plain Java: unit-tested and benchmarked alone, mapped to the wire at the edge")
                .check(service);
    }

    @Test
    void theCoreKnowsNoAdapter() {
        noClasses().that().resideInAPackage("io.dualuse.screening.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.dualuse.screening.api..", "io.dualuse.screening.pipeline..",
                        "io.dualuse.screening.state..", "io.dualuse.screening.rescreen..", "io.dualuse.screening.wire..",
                        "io.dualuse.screening.platform..", "io.dualuse.screening.preview..", "io.dualuse.screening.peers..")
                .check(service);
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.dualuse.screening.(**)").should().beFreeOfCycles().check(service);
    }

    @Test
    void restResourcesOnlyInTheApiPackage() {
        classes().that().areAnnotatedWith("jakarta.ws.rs.Path").should().resideInAnyPackage("io.dualuse.screening.api", "io.dualuse.screening.api.console")
                .check(service);
    }

    @Test
    void nothingButTheApiDependsOnTheApi() {
        noClasses().that().resideOutsideOfPackage("io.dualuse.screening.api..")
                .should().dependOnClassesThat().resideInAPackage("io.dualuse.screening.api..")
                .check(service);
    }

    @Test
    void theKafkaAdminAndTopicCreationOnlyInPlatform() {
        // topics are created from the one table (platform.Topics), nowhere else
        noClasses().that().resideOutsideOfPackage("io.dualuse.screening.platform..")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.apache.kafka.clients.admin.NewTopic")
                .check(service);
    }
}
