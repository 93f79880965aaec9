package org.perflab.kernel;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * What every command of the kernel jar shares: picocli set up to print help on {@code --help}
 * (exit code 0) and, for a command line it cannot run, the reason and the valid options (exit code 2).
 */
public final class Cli {

    /** The exit code of a command line that cannot be run. */
    public static final int EXIT_USAGE = 2;

    private Cli() {
    }

    /** Parses {@code args} into {@code command}, runs it and answers the exit code; help goes to out, errors to err. */
    public static int execute(Object command, String[] args, PrintStream out, PrintStream err) {
        return commandLine(command, out, err).execute(args);
    }

    /** Parses {@code args} into {@code command} as {@link #execute} would, without running it. */
    public static void parse(Object command, String... args) {
        commandLine(command, System.out, System.err).parseArgs(args);
    }

    static CommandLine commandLine(Object command, PrintStream out, PrintStream err) {
        // No @file expansion: an argument is a notebook or a value, never a file of further arguments.
        CommandLine commandLine = new CommandLine(command).setParameterExceptionHandler(Cli::usageError)
                .setExpandAtFiles(false);
        commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        return commandLine;
    }

    /** A command line that cannot be run: {@code message} names the value, the limit and the fix. */
    public static ParameterException usage(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println(e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println(validArguments(commandLine.getCommandSpec()));
        err.flush();
        return EXIT_USAGE;
    }

    /** One line naming a command's options (and sub-commands) and where its help is. */
    static String validArguments(CommandSpec spec) {
        String options = spec.options().stream()
                .map(option -> option.longestName() + (option.arity().max() > 0 ? " " + option.paramLabel() : ""))
                .collect(Collectors.joining(", "));
        String commands = spec.subcommands().isEmpty() ? ""
                : "Commands: " + String.join(", ", spec.subcommands().keySet()) + ". ";
        return commands + "Valid options: " + options + ". See '" + spec.qualifiedName() + " --help'.";
    }

    /** {@code -h, --help} for a command that has no version of its own to print. */
    public static final class HelpOption {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;
    }

    /** A whole number of seconds, at least 1. */
    public static final class Seconds implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return atLeastOne(value, "seconds");
        }
    }

    /** A whole count, at least 1. */
    public static final class Count implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return Math.toIntExact(atLeastOne(value, "times"));
        }
    }

    private static long atLeastOne(String value, String unit) {
        long number;
        try {
            number = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a whole number; give a whole number of "
                    + unit + ", at least 1");
        }
        if (number < 1) {
            throw new TypeConversionException(number + " is less than 1; give a whole number of " + unit
                    + ", at least 1");
        }
        if (number > Integer.MAX_VALUE) {
            throw new TypeConversionException(number + " is more than " + Integer.MAX_VALUE
                    + "; give a whole number of " + unit + " up to that");
        }
        return number;
    }
}
