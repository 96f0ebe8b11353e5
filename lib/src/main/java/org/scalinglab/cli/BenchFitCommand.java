package org.scalinglab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code scalinglab bench fit} (not implemented yet). */
@Command(name = "fit", mixinStandardHelpOptions = true, description = "Time the 4,500-start Approach-3 fit and a bootstrap against scipy.")
public final class BenchFitCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("scalinglab bench fit: not implemented yet");
    return 1;
  }
}
