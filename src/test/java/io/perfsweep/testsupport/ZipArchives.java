package io.perfsweep.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Unpacks a downloaded archive (the job export) as a user would, checking no entry climbs out of its folder. */
public final class ZipArchives {

    private ZipArchives() {
    }

    /** Writes every entry of {@code zip} under {@code target} and returns {@code target}. */
    public static Path unzip(byte[] zip, Path target) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path file = target.resolve(entry.getName()).normalize();
                assertThat(file).as("entry inside the archive").startsWithRaw(target);
                Files.createDirectories(file.getParent());
                Files.copy(in, file);
            }
        }
        return target;
    }
}
