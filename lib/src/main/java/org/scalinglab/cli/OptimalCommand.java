package org.scalinglab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code scalinglab optimal} (not implemented yet). */
@Command(name = "optimal", mixinStandardHelpOptions = true, description = "Compute-optimal N*, D* for a compute budget.")
public final class OptimalCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("scalinglab optimal: not implemented yet");
    return 1;
  }
}
