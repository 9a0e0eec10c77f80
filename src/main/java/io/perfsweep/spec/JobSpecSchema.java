package io.perfsweep.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON Schema (draft 2020-12) of {@code perfsweep/v1}, the resource {@value #RESOURCE}: what {@link JobSpecParser}
 * accepts, for editors and other tools. The parser stays the authority: ceilings from {@code perfsweep.limits.*}, the
 * URL syntax and a few rules across fields are only checked there ({@code JobSpecSchemaTest} lists them and keeps the
 * two in step).
 */
public final class JobSpecSchema {

    /** The classpath resource holding the schema. */
    public static final String RESOURCE = "/perfsweep-v1.schema.json";

    /** Its media type, as {@code GET /api/schema} serves it. */
    public static final String MEDIA_TYPE = "application/schema+json";

    private JobSpecSchema() {
    }

    /** The schema as JSON text (UTF-8 in the jar). */
    public static String text() {
        try (InputStream in = JobSpecSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
