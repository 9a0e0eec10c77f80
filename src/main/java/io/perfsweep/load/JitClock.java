package io.perfsweep.load;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

import com.sun.management.HotSpotDiagnosticMXBean;

/** The JIT compilers' accumulated time, where the JVM reports it: how busy compilation still keeps the machine. */
final class JitClock {

    private static final CompilationMXBean COMPILER = ManagementFactory.getCompilationMXBean();
    private static final boolean SUPPORTED = COMPILER != null && COMPILER.isCompilationTimeMonitoringSupported();
    private static final boolean OPTIMIZING = optimizingCompilerEnabled();

    private JitClock() {
    }

    static boolean supported() {
        return SUPPORTED;
    }

    /**
     * Whether HotSpot's optimising compiler (C2) may compile, i.e. not {@code -XX:TieredStopAtLevel=1..3} as the
     * {@code perfsweep} launcher sets: it compiles a method only after about 10k invocations, C1 after a few hundred.
     * True where the JVM does not tell.
     */
    static boolean optimizingCompiler() {
        return OPTIMIZING;
    }

    /** Milliseconds the compilers have spent so far (summed over compiler threads), or 0 where not reported. */
    static long millis() {
        return SUPPORTED ? COMPILER.getTotalCompilationTime() : 0;
    }

    private static boolean optimizingCompilerEnabled() {
        try {
            var hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return hotspot == null || Integer.parseInt(hotspot.getVMOption("TieredStopAtLevel").getValue()) >= 4
                    || !Boolean.parseBoolean(hotspot.getVMOption("TieredCompilation").getValue());
        } catch (RuntimeException e) { // not HotSpot, or an option it does not have
            return true;
        }
    }
}
