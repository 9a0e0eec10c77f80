package io.perfsweep.load;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/** The JIT compilers' accumulated time, where the JVM reports it: how busy compilation still keeps the machine. */
final class JitClock {

    private static final CompilationMXBean COMPILER = ManagementFactory.getCompilationMXBean();
    private static final boolean SUPPORTED = COMPILER != null && COMPILER.isCompilationTimeMonitoringSupported();

    private JitClock() {
    }

    static boolean supported() {
        return SUPPORTED;
    }

    /** Milliseconds the compilers have spent so far (summed over compiler threads), or 0 where not reported. */
    static long millis() {
        return SUPPORTED ? COMPILER.getTotalCompilationTime() : 0;
    }
}
