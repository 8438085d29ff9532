package dev.photostyle.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code photostyle}: photorealistic, mask-guided style transfer. Every failure prints one line,
 * {@code error: <what went wrong>}, and exits non-zero (1 for a failed job, 2 for a bad command
 * line).
 */
@Command(name = "photostyle", mixinStandardHelpOptions = true, version = "photostyle 0.1.0",
        description = "Photorealistic, mask-guided style transfer (Deep Photo Style Transfer).",
        subcommands = {TransferCommand.class, RunCommand.class, SequenceCommand.class, EvalCommand.class,
                EvalSequenceCommand.class, LookCommand.class, BenchCommand.class, BatchCommand.class, WeightsCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (try: photostyle help)");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for callers (and tests) that want to capture its output. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("error: " + oneLine(ex));
            if (System.getenv("PHOTOSTYLE_DEBUG") != null) ex.printStackTrace(cmd.getErr());
            return 1;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("error: " + oneLine(ex) + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help')");
            return 2;
        });
        return cl;
    }

    /** The exception's message on one line; the cause's if it has none. */
    static String oneLine(Throwable e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) t = t.getCause();
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
