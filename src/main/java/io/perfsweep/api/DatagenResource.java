package io.perfsweep.api;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.perfsweep.config.PerfsweepConfig;
import io.perfsweep.datagen.PromptFile;
import io.perfsweep.datagen.PromptHashIds;
import io.perfsweep.datagen.SynthesisOptions;
import io.perfsweep.datagen.TraceAnalysis;
import io.perfsweep.datagen.TraceAnalyzer;
import io.perfsweep.datagen.TraceFile;
import io.perfsweep.datagen.TraceFormatException;
import io.perfsweep.datagen.TraceReader;
import io.perfsweep.datagen.TraceSynthesizer;
import io.perfsweep.datagen.TraceWriter;
import io.perfsweep.workload.Tokenizers;

/**
 * {@code datagen analyze}, {@code synthesize} and {@code hash-prompts} for a trace or prompts uploaded as the request
 * body (JSONL), with the CLI's options as query parameters. Like every POST under {@code /api} they need the API key:
 * they change nothing, but each call parses and walks a whole upload, so anonymous callers could keep the service's
 * CPU and memory busy. Bodies above {@code perfsweep.api.datagen-max-body-bytes} get 413, a bad line 400 naming it.
 */
@Path("/api/datagen")
@Consumes(MediaType.WILDCARD)
public class DatagenResource {

    /** JSON lines, one object per line. */
    public static final String JSONL = "application/jsonl";

    /** Most requests one synthesize call writes. */
    static final int MAX_SYNTHESIZED_REQUESTS = 100_000;

    /** A Hugging Face model id ({@code org/name}), never a path on this server. */
    private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?");

    @Inject
    PerfsweepConfig config;

    /** The analysis as JSON: statistics rows of the seed's table, counts, timing and rows breaking the block rule. */
    @POST
    @Path("/analyze")
    @Produces(MediaType.APPLICATION_JSON)
    public TraceAnalysisView analyze(InputStream body, @QueryParam("blockSize") @DefaultValue("512") int blockSize) {
        return TraceAnalysisView.of(analysis(body, blockSize));
    }

    /** The seed's exact table, as {@code datagen analyze} prints it. */
    @POST
    @Path("/analyze")
    @Produces(MediaType.TEXT_PLAIN)
    public String analyzeAsTable(InputStream body, @QueryParam("blockSize") @DefaultValue("512") int blockSize) {
        return analysis(body, blockSize).render();
    }

    /** A synthesized trace (JSONL) with the input trace's prefix structure; the same seed gives the same bytes. */
    @POST
    @Path("/synthesize")
    @Produces(JSONL)
    public String synthesize(InputStream body, @QueryParam("blockSize") @DefaultValue("512") int blockSize,
            @QueryParam("numRequests") @DefaultValue("100000") int numRequests,
            @QueryParam("speedupRatio") @DefaultValue("1") double speedupRatio,
            @QueryParam("prefixLenMultiplier") @DefaultValue("1") double prefixLenMultiplier,
            @QueryParam("prefixRootMultiplier") @DefaultValue("1") int prefixRootMultiplier,
            @QueryParam("promptLenMultiplier") @DefaultValue("1") double promptLenMultiplier,
            @QueryParam("oslMultiplier") @DefaultValue("1") double oslMultiplier,
            @QueryParam("minIsl") Integer minIsl, @QueryParam("maxIsl") Integer maxIsl,
            @QueryParam("minOsl") Integer minOsl, @QueryParam("maxOsl") Integer maxOsl,
            @QueryParam("seed") @DefaultValue("0") long seed) {
        if (numRequests > MAX_SYNTHESIZED_REQUESTS) {
            throw new BadRequestException("numRequests = " + numRequests + " is above the maximum "
                    + MAX_SYNTHESIZED_REQUESTS + " per call");
        }
        TraceFile trace = trace(body, blockSize);
        if (!trace.violations().isEmpty()) {
            throw new BadRequestException("cannot learn from the trace: " + trace.violations().size()
                    + " rows break the block rule, first " + trace.violations().get(0).message());
        }
        var options = SynthesisOptions.defaults().withBlockSizeTokens(blockSize).withNumRequests(numRequests)
                .withSpeedupRatio(speedupRatio)
                .withMultipliers(prefixLenMultiplier, promptLenMultiplier, oslMultiplier)
                .withPrefixRootMultiplier(prefixRootMultiplier).withLimits(minIsl, maxIsl, minOsl, maxOsl)
                .withSeed(seed);
        var out = new StringWriter();
        try {
            TraceWriter.writeSynthesized(out, TraceSynthesizer.synthesize(trace.rows(), options));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A Mooncake trace (JSONL) from prompts JSONL: blocks of the same tokens get the same hash id. */
    @POST
    @Path("/hash-prompts")
    @Produces(JSONL)
    public String hashPrompts(InputStream body, @QueryParam("blockSize") @DefaultValue("512") int blockSize,
            @QueryParam("tokenizer") @DefaultValue("Qwen/Qwen3-0.6B") String tokenizer,
            @QueryParam("outputLength") @DefaultValue("256") int outputLength) {
        if (!MODEL_ID.matcher(tokenizer).matches() || tokenizer.contains("..")) {
            throw new BadRequestException("tokenizer must be a model id such as Qwen/Qwen3-0.6B (found in this"
                    + " service's Hugging Face cache, else approximated), not a path");
        }
        positive("blockSize", blockSize);
        List<PromptHashIds.Prompt> prompts;
        try {
            prompts = PromptFile.read(reader(body), Tokenizers.resolve(tokenizer), outputLength);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var out = new StringWriter();
        try {
            TraceWriter.writeRows(out, PromptHashIds.toRows(prompts, blockSize));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A bad line or option is the caller's mistake: 400 with the reason (and the line number). */
    @ServerExceptionMapper({ TraceFormatException.class, IllegalArgumentException.class })
    public Response badInput(RuntimeException e) {
        return error(400, "invalid_input", e.getMessage());
    }

    /** 400 and 413 as JSON errors, whatever the endpoint would have produced. */
    @ServerExceptionMapper
    public Response clientError(ClientErrorException e) {
        int status = e.getResponse().getStatus();
        return error(status, status == 413 ? "payload_too_large" : "invalid_input", e.getMessage());
    }

    private static Response error(int status, String type, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(type, status, message, List.of())).build();
    }

    private TraceAnalysis analysis(InputStream body, int blockSize) {
        TraceFile trace = trace(body, blockSize);
        if (trace.rows().isEmpty()) {
            throw new BadRequestException("the trace has no rows: send Mooncake JSONL, one object per line");
        }
        return TraceAnalyzer.analyze(trace);
    }

    private TraceFile trace(InputStream body, int blockSize) {
        positive("blockSize", blockSize);
        return TraceReader.read(bytes(body), blockSize);
    }

    /** The body as UTF-8 lines, refused with 413 when it is larger than the configured ceiling. */
    private BufferedReader reader(InputStream body) {
        return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes(body)), StandardCharsets.UTF_8));
    }

    /** The body, refused with 413 when it is larger than the configured ceiling. */
    private byte[] bytes(InputStream body) {
        long limit = config.api().datagenMaxBodyBytes();
        byte[] bytes;
        try {
            bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > limit) {
            throw new PayloadTooLargeException("the body is larger than " + limit
                    + " bytes (perfsweep.api.datagen-max-body-bytes)");
        }
        return bytes;
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new BadRequestException(name + " = " + value + " must be at least 1");
        }
    }

    /** 413 through the common error shape. */
    static final class PayloadTooLargeException extends ClientErrorException {
        private static final long serialVersionUID = 1L;

        PayloadTooLargeException(String message) {
            super(message, Response.Status.REQUEST_ENTITY_TOO_LARGE);
        }
    }
}
