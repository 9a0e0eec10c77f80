package io.perfsweep.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's peak resident memory ({@code VmHWM} of {@code /proc/self/status}); -1 where Linux procfs is absent. */
final class PeakRss {

    private PeakRss() {
    }

    static long mebibytes() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("VmHWM:"))
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")) >> 10)
                    .findFirst().orElse(-1L);
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
