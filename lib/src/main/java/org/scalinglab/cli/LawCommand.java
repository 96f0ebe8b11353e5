package org.scalinglab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code scalinglab law} (not implemented yet). */
@Command(name = "law", mixinStandardHelpOptions = true, description = "Predicted loss of a law for N parameters and D tokens.")
public final class LawCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("scalinglab law: not implemented yet");
    return 1;
  }
}
