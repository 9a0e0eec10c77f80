package io.perfsweep.cli;

import java.util.concurrent.Callable;

import io.perfsweep.spec.JobSpecSchema;
import io.quarkus.runtime.annotations.RegisterForReflection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code schema}: prints the JSON Schema of the {@code perfsweep/v1} job spec. Needs no CDI. */
@RegisterForReflection
@Command(name = "schema", mixinStandardHelpOptions = true, description = "Print the JSON Schema (draft 2020-12) of the perfsweep/v1 job spec.")
public class SchemaCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        out.print(JobSpecSchema.text());
        out.flush();
        return 0;
    }
}
