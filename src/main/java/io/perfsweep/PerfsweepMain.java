package io.perfsweep;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/** Entry point placeholder while the build is wired. */
@QuarkusMain
public class PerfsweepMain {
    public static void main(String... args) {
        Quarkus.run(args);
    }
}
