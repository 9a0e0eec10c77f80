package io.perfsweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaParameterizedType;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.domain.JavaWildcardType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A native image only (de)serialises with Jackson the classes registered for reflection; a missing registration
 * passes every JVM test and fails in production. So every class of ours that Jackson sees must carry
 * {@link RegisterForReflection}: the published event schemas (records in {@code events}), the REST API's entities
 * (records in {@code api} and what resource methods return or take), classes with Jackson annotations, classes a
 * Jackson-calling method names as a class literal ({@code readValue(json, Foo.class)}), and, from each of them, the
 * classes of their fields, generic arguments included. The same goes for picocli's commands.
 */
class NativeReflectionTest {

    private static final String BASE = "io.perfsweep";
    private static final Set<String> JAX_RS_METHODS = Set.of("jakarta.ws.rs.GET", "jakarta.ws.rs.POST",
            "jakarta.ws.rs.PUT", "jakarta.ws.rs.DELETE", "jakarta.ws.rs.PATCH");

    /** Imported once for the class, not once per test method (a fresh instance each): the import is the slow part. */
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(BASE);

    @Test
    void everyClassJacksonSeesIsRegisteredForReflection() {
        Set<String> serialised = serialisedClasses();

        assertThat(serialised).as("the known serialised classes are found").contains(
                "io.perfsweep.events.JobCompletedEvent", "io.perfsweep.events.JobFailedEvent",
                "io.perfsweep.events.PointCompletedEvent", "io.perfsweep.events.PointMetrics",
                "io.perfsweep.events.PlannerProfile", "io.perfsweep.events.RunIdentity", "io.perfsweep.api.ApiError",
                "io.perfsweep.api.JobView");
        assertThat(serialised.stream().filter(name -> !CLASSES.get(name).isAnnotatedWith(RegisterForReflection.class)))
                .as("serialised by Jackson but not @RegisterForReflection (fails only in a native image)").isEmpty();
    }

    /** picocli reads each command's options and parameters by reflection, like Jackson a record's components. */
    @Test
    void everyCommandIsRegisteredForReflection() {
        var commands = CLASSES.stream().filter(c -> c.isAnnotatedWith("picocli.CommandLine$Command")).toList();

        assertThat(commands).extracting(JavaClass::getSimpleName).contains("PerfsweepCommand", "RunCommand",
                "MockCommand", "SubmitCommand");
        assertThat(commands.stream().filter(c -> !c.isAnnotatedWith(RegisterForReflection.class))
                .map(JavaClass::getName)).as("picocli commands not @RegisterForReflection").isEmpty();
    }

    private Set<String> serialisedClasses() {
        Deque<JavaType> pending = new ArrayDeque<>();
        for (JavaClass javaClass : CLASSES) {
            String pkg = javaClass.getPackageName();
            if (javaClass.isRecord() && (pkg.equals(BASE + ".events") || pkg.equals(BASE + ".api"))) {
                pending.add(javaClass);
            }
            if (hasJacksonAnnotation(javaClass)) {
                pending.add(javaClass);
            }
            for (JavaCodeUnit unit : javaClass.getCodeUnits()) {
                if (isResourceMethod(unit)) {
                    pending.add(unit.getReturnType());
                    unit.getParameterTypes().forEach(pending::add);
                }
                if (callsJacksonDatabind(unit)) {
                    unit.getReferencedClassObjects().forEach(literal -> pending.add(literal.getRawType()));
                }
            }
        }
        Set<String> found = new TreeSet<>();
        while (!pending.isEmpty()) {
            for (JavaClass reached : ours(pending.pop()).toList()) {
                if (found.add(reached.getName())) {
                    reached.getFields().stream().filter(f -> !f.getModifiers().contains(JavaModifier.STATIC))
                            .map(JavaField::getType).forEach(pending::add);
                }
            }
        }
        return found;
    }

    /** Our classes in a (possibly generic, array or wildcard) type. */
    private static Stream<JavaClass> ours(JavaType type) {
        if (type instanceof JavaParameterizedType parameterized) {
            return Stream.concat(ours(parameterized.toErasure()),
                    parameterized.getActualTypeArguments().stream().flatMap(NativeReflectionTest::ours));
        }
        if (type instanceof JavaWildcardType wildcard) {
            return wildcard.getUpperBounds().stream().flatMap(NativeReflectionTest::ours);
        }
        if (type instanceof JavaClass javaClass) {
            JavaClass base = javaClass.isArray() ? javaClass.getBaseComponentType() : javaClass;
            return base.getPackageName().startsWith(BASE) && !base.isPrimitive() ? Stream.of(base) : Stream.empty();
        }
        return Stream.empty();
    }

    private static boolean hasJacksonAnnotation(JavaClass javaClass) {
        return Stream.concat(Stream.concat(javaClass.getAnnotations().stream(),
                javaClass.getFields().stream().flatMap(f -> f.getAnnotations().stream())),
                javaClass.getCodeUnits().stream().flatMap(u -> Stream.concat(u.getAnnotations().stream(),
                        u.getParameters().stream().flatMap(p -> p.getAnnotations().stream()))))
                .anyMatch(a -> a.getRawType().getPackageName().startsWith("com.fasterxml.jackson.annotation"));
    }

    private static boolean isResourceMethod(JavaCodeUnit unit) {
        return unit.getAnnotations().stream().anyMatch(a -> JAX_RS_METHODS.contains(a.getRawType().getName()));
    }

    private static boolean callsJacksonDatabind(JavaCodeUnit unit) {
        return unit.getMethodCallsFromSelf().stream().anyMatch(call -> Set.of(
                "com.fasterxml.jackson.databind.ObjectMapper", "com.fasterxml.jackson.databind.ObjectReader",
                "com.fasterxml.jackson.databind.ObjectWriter").contains(call.getTargetOwner().getName()));
    }
}
