package org.scalinglab.cli;

import java.util.Arrays;
import org.scalinglab.error.BadInputException;
import org.scalinglab.fit.JitWarmUp;
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
        DoubleDescentCommand.class,
        AssignCommand.class,
        GradeReportCommand.class,
        GpuInfoCommand.class,
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

  /**
   * The root without subcommands, under which {@link #run} registers only the one a command line
   * names: picocli reflects on every registered command's options at start-up, so {@code fit} need
   * not load (and verify) the classes of {@code train}, {@code sweep} and the benchmarks.
   */
  @Command(name = "scalinglab", mixinStandardHelpOptions = true, version = "scalinglab 0.1.0")
  static final class Root implements Runnable {
    @Override
    public void run() {
      // only reached with a subcommand, which runs instead
    }
  }

  /** The subcommand class named by {@code name} in the list above; null when none is (help, an option, a typo). */
  static Class<?> subcommandNamed(String name) {
    for (Class<?> c : Main.class.getAnnotation(Command.class).subcommands()) {
      Command cmd = c.getAnnotation(Command.class);
      if (cmd != null && cmd.name().equals(name) && c != CommandLine.HelpCommand.class) return c;
    }
    return null;
  }

  /** Runs the CLI and returns its exit code (tests call this instead of {@link #main}). */
  public static int run(String... args) {
    Class<?> only = args.length > 0 ? subcommandNamed(args[0]) : null;
    // `fit` spends most of a fresh JVM's time in the Approach-3 fit: let HotSpot compile its code on
    // another core while picocli and the file reader run here (FitCommand stops it for approaches 2
    // and kaplan, and the fit stops it when it begins)
    if (only == FitCommand.class && !Arrays.asList(args).contains("--help") && !Arrays.asList(args).contains("-h")) {
      JitWarmUp.startInBackground();
    }
    CommandLine cl;
    if (only != null) {
      cl = new CommandLine(new Root());
      cl.addSubcommand(args[0], new CommandLine(only));
    } else {
      cl = new CommandLine(new Main());
    }
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
