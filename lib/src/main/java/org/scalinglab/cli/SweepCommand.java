package org.scalinglab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code scalinglab sweep} (not implemented yet). */
@Command(name = "sweep", mixinStandardHelpOptions = true, description = "Run or resume an IsoFLOP sweep.")
public final class SweepCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("scalinglab sweep: not implemented yet");
    return 1;
  }
}
