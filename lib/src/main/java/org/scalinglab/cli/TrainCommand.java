package org.scalinglab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code scalinglab train} (not implemented yet). */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train one language model.")
public final class TrainCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("scalinglab train: not implemented yet");
    return 1;
  }
}
