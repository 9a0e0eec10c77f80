package io.perfsweep.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Bad input ends a command with one line on stderr saying what is wrong and with which option, and exit code 2.
 * picocli's default prints the whole usage after the message, which buries the one line that matters; the usage
 * stays one {@code --help} away, and a mistyped option still gets picocli's suggestions.
 */
public final class OneLineParameterErrors implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine command = ex.getCommandLine();
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        err.println(command.getColorScheme().errorText(name + ": " + ex.getMessage() + " (see " + name + " --help)"));
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }
}
