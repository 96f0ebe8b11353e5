package org.scalinglab.train;

/**
 * Where training and evaluation tokens come from. Batches are a pure function of the seed and the
 * step (or evaluation index), so a run resumed from a checkpoint sees exactly the batches it would
 * have seen, and two processes running the same run compute the same numbers.
 */
public interface TokenSource {
  int vocab();

  /**
   * Fills {@code inputs} and {@code targets} (B·T tokens each, sequence by sequence) with the
   * training batch for {@code step}: targets are the inputs shifted by one token.
   */
  void trainBatch(long seed, long step, int batch, int context, int[] inputs, int[] targets);

  /** The {@code index}-th held-out batch (never seen in training). */
  void evalBatch(long seed, int index, int batch, int context, int[] inputs, int[] targets);

  /** A short description for ledgers and messages. */
  String describe();
}
