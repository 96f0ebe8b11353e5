package org.scalinglab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code scalinglab bench train} (not implemented yet). */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Time GPT training tokens/s against PyTorch on CPU.")
public final class BenchTrainCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("scalinglab bench train: not implemented yet");
    return 1;
  }
}
