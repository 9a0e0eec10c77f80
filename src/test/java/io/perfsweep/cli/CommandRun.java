package io.perfsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import io.perfsweep.job.JobSubmissions;
import io.perfsweep.job.ParserOnlySubmissions;
import picocli.CommandLine;

/**
 * One CLI command run as {@code PerfsweepMain} runs it: the same command tree, the same {@link OneLineParameterErrors},
 * exit code and the command's stdout and stderr. {@link #of} and {@link #parsingJobs} run it at the picocli level
 * without Quarkus (nothing injected: for what a command refuses before it uses a bean, in milliseconds);
 * {@link #inApp} runs it with the beans of a started application ({@link CliProfile}), as {@code main} does.
 * <p>
 * Why not a {@code @QuarkusMainTest} launch per command: each launch started the application again in a fresh class
 * loader (Hibernate, configuration, cold code), 8–14 s apiece on 2 cores, for 22 launches; inside one application
 * the commands run the same code on the same beans. What only a launch checks, {@code main}'s choice between service
 * and command, is tested on {@code PerfsweepMain.isCliCommand} itself.
 */
record CommandRun(int exitCode, String out, String err) {

    static CommandRun of(String... args) {
        return run(CommandLine.defaultFactory(), args);
    }

    /**
     * Like {@link #of}, for what {@code run --job} and {@code submit} refuse while they parse the job file: their one
     * bean for that, {@link JobSubmissions}, is given with a working {@code parser()} and nothing else.
     */
    static CommandRun parsingJobs(String... args) {
        JobSubmissions submissions = ParserOnlySubmissions.withDefaultLimits();
        return run(new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                K command = CommandLine.defaultFactory().create(type);
                if (command instanceof RunCommand run) {
                    run.submissions = submissions;
                } else if (command instanceof SubmitCommand submit) {
                    submit.submissions = submissions;
                }
                return command;
            }
        }, args);
    }

    /** Runs a command with the beans of the started application: {@code factory} is its injected one. */
    static CommandRun inApp(CommandLine.IFactory factory, String... args) {
        return run(factory, args);
    }

    private static CommandRun run(CommandLine.IFactory factory, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int exitCode = new CommandLine(PerfsweepCommand.class, factory)
                .setParameterExceptionHandler(new OneLineParameterErrors())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new CommandRun(exitCode, out.toString(), err.toString());
    }

    /** The lines of stdout. */
    List<String> outLines() {
        return out.lines().toList();
    }

    /** The lines of stderr that are not blank. */
    List<String> errLines() {
        return err.lines().filter(line -> !line.isBlank()).toList();
    }

    /** Exit code 2 and one line on stderr naming what is wrong: no stack trace, no usage to scroll through. */
    void assertOneLineOfBadInput(String... mentions) {
        assertThat(exitCode).as(err).isEqualTo(2);
        assertThat(errLines()).as(err).singleElement().asString().contains(mentions);
    }
}
