package org.scalinglab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code scalinglab bench <what>}: benchmarks that print ratios against a named baseline. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks against named baselines (scipy for fits, PyTorch for training).",
    subcommands = {BenchFitCommand.class, BenchTrainCommand.class, BenchMatmulCommand.class})
public final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
