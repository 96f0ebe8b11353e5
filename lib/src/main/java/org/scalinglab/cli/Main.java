package org.scalinglab.cli;

import org.scalinglab.error.BadInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./scalinglab <command>}: the command-line tool. Bad input (BadInputException or
 * IllegalArgumentException, or a picocli parameter error) prints one line "scalinglab: error: …" and
 * exits with code 2; anything else is a bug and keeps its stack trace.
 */
@Command(name = "scalinglab", mixinStandardHelpOptions = true, version = "scalinglab 0.1.0",
    description = "Neural scaling laws: laws, compute-optimal allocation, fits of your runs, training sweeps.",
    subcommands = {
        LawCommand.class,
        OptimalCommand.class,
        FitCommand.class,
        BenchCommand.class,
        TrainCommand.class,
        SweepCommand.class,
        CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  /** Exit code for bad input or a bad option. */
  public static final int EXIT_BAD_INPUT = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI and returns its exit code (tests call this instead of {@link #main}). */
  public static int run(String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setParameterExceptionHandler((ex, a) -> {
      ex.getCommandLine().getErr().println("scalinglab: error: " + ex.getMessage());
      ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
      return EXIT_BAD_INPUT;
    });
    cl.setExecutionExceptionHandler((ex, c, parsed) -> {
      if (ex instanceof BadInputException || ex instanceof IllegalArgumentException) {
        c.getErr().println("scalinglab: error: " + ex.getMessage());
        return EXIT_BAD_INPUT;
      }
      throw ex;
    });
    return cl.execute(args);
  }
}
