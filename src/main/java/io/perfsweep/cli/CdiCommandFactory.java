package io.perfsweep.cli;

import jakarta.inject.Singleton;

import io.quarkus.arc.Arc;
import picocli.CommandLine;

/**
 * Lets picocli create commands as CDI beans, so they can inject the same services the API uses; mixins and converters,
 * which are no beans, picocli creates itself.
 *
 * <p>
 * Why this class and not {@code io.quarkus:quarkus-picocli}, which does the same with {@code @TopCommand}: the
 * extension is not in the Maven repository the builds use for our Quarkus platform, 3.36.1 (it is there up to 3.33.2,
 * and 3.33.2 itself does not resolve here; checked again for issue #12: {@code dependency:get} of
 * {@code io.quarkus:quarkus-picocli:3.36.1} finds nothing). Nor would it remove much: this class is its whole share
 * of the work, and {@code PerfsweepMain} would keep its switch between the service and a command, which is what keeps a
 * command free of connections it does not use (no HTTP listener, no datasource, no NATS intake). Revisit with the
 * platform version: the extension must then keep those switches.
 */
@Singleton
public class CdiCommandFactory implements CommandLine.IFactory {

    @Override
    public <K> K create(Class<K> type) throws Exception {
        var bean = Arc.container().instance(type);
        return bean.isAvailable() ? bean.get() : CommandLine.defaultFactory().create(type);
    }
}
