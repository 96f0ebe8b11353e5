package org.scalinglab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code scalinglab fit} (not implemented yet). */
@Command(name = "fit", mixinStandardHelpOptions = true, description = "Fit a scaling law to a CSV of runs.")
public final class FitCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("scalinglab fit: not implemented yet");
    return 1;
  }
}
