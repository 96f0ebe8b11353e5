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

  /** Mixes a seed with a counter into an independent stream seed (SplitMix64 finaliser, Steele et al. 2014). */
  static long mix(long seed, long counter) {
    long z = seed + 0x9E3779B97F4A7C15L * (counter + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
