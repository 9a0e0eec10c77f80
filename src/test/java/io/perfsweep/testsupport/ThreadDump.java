package io.perfsweep.testsupport;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Every thread of the test JVM with its stack, locks and what it waits on, printed and kept under
 * {@code target/thread-dumps/} when a test gives up waiting: a stall that only happens in the full suite is then
 * explained by the run that shows it, not by a rerun that does not.
 */
public final class ThreadDump {

    private ThreadDump() {
    }

    /** Prints the dump to standard error under {@code why} and writes it to a file; returns the file. */
    public static Path record(String why) {
        StringBuilder dump = new StringBuilder("=== thread dump at " + Instant.now() + ": " + why + " ===\n");
        for (ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            dump.append(describe(thread));
        }
        System.err.println(dump);
        try {
            Path dir = Files.createDirectories(Path.of("target", "thread-dumps"));
            return Files.writeString(dir.resolve("dump-" + System.currentTimeMillis() + ".txt"), dump);
        } catch (IOException e) {
            return null;
        }
    }

    /** {@link ThreadInfo#toString()} stops at eight frames; a stall needs the whole stack. */
    private static String describe(ThreadInfo thread) {
        StringBuilder text = new StringBuilder("\"" + thread.getThreadName() + "\" " + thread.getThreadState());
        if (thread.getLockName() != null) {
            text.append(" on ").append(thread.getLockName());
        }
        if (thread.getLockOwnerName() != null) {
            text.append(" owned by \"").append(thread.getLockOwnerName()).append('"');
        }
        text.append('\n');
        for (StackTraceElement frame : thread.getStackTrace()) {
            text.append("\tat ").append(frame).append('\n');
        }
        for (var lock : thread.getLockedSynchronizers()) {
            text.append("\tholds ").append(lock).append('\n');
        }
        return text.append('\n').toString();
    }
}
