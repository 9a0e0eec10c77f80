package io.perfsweep.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudevents.CloudEvent;
import io.nats.client.Dispatcher;
import io.nats.client.JetStreamApiException;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.perfsweep.events.CloudEventCodec;
import io.perfsweep.events.EventType;
import io.perfsweep.events.NatsClient;
import io.perfsweep.events.NatsConnectionOptions;
import io.perfsweep.events.NatsUnavailableException;
import io.perfsweep.job.JobSubmissions;
import io.perfsweep.spec.InvalidJobException;
import io.perfsweep.spec.JobSpec;
import io.quarkus.arc.Unremovable;
import io.quarkus.runtime.annotations.RegisterForReflection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code submit job.json}: checks a job spec locally, publishes it to {@code perfsweep.jobs} and, with
 * {@code --wait}, prints the result when the job's completion (or failure) event arrives.
 */
@Dependent
@Unremovable
@RegisterForReflection
@Command(name = "submit", mixinStandardHelpOptions = true, description = "Publish a job spec to NATS (perfsweep.jobs); --wait prints its result when it finishes.")
public class SubmitCommand implements Callable<Integer> {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Inject
    NatsClient nats;

    @Inject
    JobSubmissions submissions;

    @Parameters(index = "0", description = "The job spec (JSON, apiVersion perfsweep/v1).")
    Path jobFile;

    @Option(names = "--wait", description = "Wait for the job to finish and print its result.")
    boolean waitForResult;

    @Option(names = "--timeout", defaultValue = "PT6H", description = "How long --wait waits (ISO-8601). Default: 6 h.")
    Duration timeout;

    /**
     * Exit codes: 0 submitted (with {@code --wait}: succeeded), 2 bad input (picocli's, before anything is sent), 1
     * anything else: NATS not reachable or not taking the job, the job failed, no result in time. NATS trouble is one
     * line on stderr naming the server and the cause, never a stack trace.
     */
    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        byte[] payload = readJobFile();
        JobSpec job;
        try {
            job = submissions.parser().parse(payload);
        } catch (InvalidJobException e) {
            throw new ParameterException(spec.commandLine(), jobFile + " is not a valid job: " + e.reason());
        }
        try {
            return submit(job, payload, out);
        } catch (NatsUnavailableException e) {
            return natsTrouble(e.getMessage());
        } catch (IOException | JetStreamApiException | TimeoutException e) {
            return natsTrouble("cannot publish to " + nats.config().jobsSubject() + " at "
                    + new NatsConnectionOptions(nats.config()).describe() + ": " + e.getMessage());
        }
    }

    private int natsTrouble(String line) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(spec.qualifiedName() + ": " + line);
        err.flush();
        return 1;
    }

    private int submit(JobSpec job, byte[] payload, PrintWriter out)
            throws IOException, InterruptedException, JetStreamApiException, TimeoutException {
        String id = job.dedupKey(null);
        var outcome = new CompletableFuture<CloudEvent>();
        Dispatcher dispatcher = nats.connection().createDispatcher(message -> {
            CloudEvent event = CloudEventCodec.decode(message.getData());
            if (id.equals(event.getSubject()) && !event.getType().equals(EventType.POINT_COMPLETED.type())) {
                outcome.complete(event);
            }
        });
        dispatcher.subscribe(nats.config().eventsSubjectPrefix() + ".job.>");
        nats.connection().flush(Duration.ofSeconds(10));
        nats.jetStream().publish(NatsMessage.builder().subject(nats.config().jobsSubject())
                .headers(new Headers().put("Nats-Msg-Id", id)).data(payload).build());
        out.printf("Submitted job %s (%s) to %s%n", id, job.name(), nats.config().jobsSubject());
        out.flush();
        if (!waitForResult) {
            return 0;
        }
        try {
            return print(outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS), out);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            spec.commandLine().getErr().printf("No result for job %s within %s%n", id, timeout);
            return 1;
        }
    }

    private byte[] readJobFile() {
        try {
            return Files.readAllBytes(jobFile);
        } catch (NoSuchFileException e) {
            throw new ParameterException(spec.commandLine(), "job file " + jobFile + " does not exist");
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(),
                    "job file " + jobFile + " cannot be read: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }

    private static int print(CloudEvent event, PrintWriter out) {
        JsonNode data;
        try {
            data = MAPPER.readTree(event.getData().toBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("the job's event is not JSON", e);
        }
        if (event.getType().equals(EventType.JOB_FAILED.type())) {
            out.printf("Job %s %s: %s%n", data.path("jobId").asText(), data.path("state").asText(),
                    data.path("reason").asText());
            out.flush();
            return 1;
        }
        out.printf("Job %s SUCCEEDED (%s, %d GPUs)%n", data.at("/run/jobId").asText(),
                data.at("/run/deploymentLabel").asText(), data.at("/run/gpuCount").asInt());
        out.printf("%-8s %8s %6s %10s %10s %10s %12s %12s%n", "point", "ok", "errors", "TTFT avg", "TTFT p99",
                "ITL avg", "out tok/s", "tok/s/gpu");
        for (JsonNode point : data.path("points")) {
            out.printf(Locale.ROOT, "%-8s %8d %6d %10.2f %10.2f %10.2f %12.1f %12.1f%n", point.path("label").asText(),
                    point.path("requestCount").asLong(), point.path("errorRequestCount").asLong(),
                    point.at("/metrics/time_to_first_token/avg").asDouble(),
                    point.at("/metrics/time_to_first_token/p99").asDouble(),
                    point.at("/metrics/inter_token_latency/avg").asDouble(),
                    point.at("/metrics/output_token_throughput/avg").asDouble(),
                    point.path("tokensPerSecondPerGpu").asDouble());
        }
        out.flush();
        return 0;
    }
}
