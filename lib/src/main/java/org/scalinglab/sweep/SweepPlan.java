package org.scalinglab.sweep;

import java.nio.file.Path;
import java.util.List;
import org.scalinglab.train.TokenSource;
import org.scalinglab.train.TrainSettings;

/**
 * What {@link Sweep} runs: a named, fingerprinted list of planned runs on one token source. An
 * IsoFLOP {@link SweepPreset} is one; an {@link ArchitectureGrid} (any list of transformers and
 * LSTMs, each with its own settings if it needs them) is another. Both go through the same
 * resumable loop and ledger.
 */
public interface SweepPlan {
  /** Name recorded in the ledger. */
  String name();

  /** Identifies everything that changes the numbers; a ledger of another fingerprint is refused. */
  String fingerprint();

  /** The runs in a fixed order. */
  List<RunSpec> plan();

  /** A fresh token source (the same language or corpus for every run). */
  TokenSource tokenSource(Path buildDir);

  /** Settings of every run that carries none of its own. */
  TrainSettings settings();

  /** Runs trained at once in one process. */
  int parallelRuns();

  /** Compute budgets written into the ledger header (informative). */
  double[] budgets();

  /** Held-out batches for each trained model's loss by context position (0: not measured). */
  default int positionBatches() {
    return 0;
  }
}
