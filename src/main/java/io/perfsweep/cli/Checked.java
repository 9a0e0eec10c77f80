package io.perfsweep.cli;

import io.perfsweep.client.BaseUrl;
import io.quarkus.runtime.annotations.RegisterForReflection;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option values checked while picocli parses, before a command starts anything: a bad value ends the command with
 * picocli's "Invalid value for option '--endpoint-url': ..." and exit code 2, instead of an exception from deep inside a sweep.
 */
final class Checked {

    private Checked() {
    }

    /** An endpoint's base URL as the client reads it: http or https, a host, a port from 1 to 65535. */
    @RegisterForReflection
    static final class EndpointUrl implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                BaseUrl.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
            return value;
        }
    }
}
