package io.perfsweep.cli;

import jakarta.inject.Singleton;

import io.quarkus.arc.Arc;
import picocli.CommandLine;

/** Lets picocli create commands as CDI beans, so they can inject the same services the API uses. */
@Singleton
public class CdiCommandFactory implements CommandLine.IFactory {

    @Override
    public <K> K create(Class<K> type) throws Exception {
        var bean = Arc.container().instance(type);
        return bean.isAvailable() ? bean.get() : CommandLine.defaultFactory().create(type);
    }
}
