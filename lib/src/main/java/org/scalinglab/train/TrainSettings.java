package org.scalinglab.train;

/**
 * Everything about a training run except the model's shape and the data.
 *
 * @param batch sequences per step B
 * @param learningRate peak learning rate
 * @param warmupFraction fraction of the run spent warming up linearly
 * @param minLrRatio final learning rate / peak at the end of the cosine
 * @param adam AdamW hyper-parameters and gradient clipping
 * @param evalPoints how many times the held-out loss is measured during the run (the last step always is)
 * @param evalBatches held-out batches per measurement
 * @param seed initialisation and data seed
 * @param threads worker threads (results are bit-identical for the same seed and thread count)
 * @param checkpointEvery steps between checkpoints (0: never)
 */
public record TrainSettings(int batch, double learningRate, double warmupFraction, double minLrRatio,
    AdamW.Settings adam, int evalPoints, int evalBatches, long seed, int threads, int checkpointEvery) {
  public TrainSettings {
    if (batch < 1) throw new IllegalArgumentException("batch must be ≥ 1, got " + batch);
    if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
    if (evalPoints < 1) throw new IllegalArgumentException("eval points must be ≥ 1, got " + evalPoints);
    if (evalBatches < 1) throw new IllegalArgumentException("eval batches must be ≥ 1, got " + evalBatches);
    if (threads < 1) throw new IllegalArgumentException("threads must be ≥ 1, got " + threads);
    if (checkpointEvery < 0) throw new IllegalArgumentException("checkpoint interval must be ≥ 0, got " + checkpointEvery);
  }

  /** Defaults for small models: B = 16, lr 3e-3, 5% warm-up, 10× cosine decay, AdamW defaults, 8 eval points of 4 batches, 2 threads. */
  public static TrainSettings defaults() {
    return new TrainSettings(16, 3e-3, 0.05, 0.1, AdamW.Settings.DEFAULT, 8, 4, 1L, 2, 200);
  }

  public TrainSettings withBatch(int b) {
    return new TrainSettings(b, learningRate, warmupFraction, minLrRatio, adam, evalPoints, evalBatches, seed, threads, checkpointEvery);
  }

  public TrainSettings withLearningRate(double lr) {
    return new TrainSettings(batch, lr, warmupFraction, minLrRatio, adam, evalPoints, evalBatches, seed, threads, checkpointEvery);
  }

  public TrainSettings withSeed(long s) {
    return new TrainSettings(batch, learningRate, warmupFraction, minLrRatio, adam, evalPoints, evalBatches, s, threads, checkpointEvery);
  }

  public TrainSettings withThreads(int t) {
    return new TrainSettings(batch, learningRate, warmupFraction, minLrRatio, adam, evalPoints, evalBatches, seed, t, checkpointEvery);
  }

  public TrainSettings withEval(int points, int batches) {
    return new TrainSettings(batch, learningRate, warmupFraction, minLrRatio, adam, points, batches, seed, threads, checkpointEvery);
  }

  public TrainSettings withCheckpointEvery(int steps) {
    return new TrainSettings(batch, learningRate, warmupFraction, minLrRatio, adam, evalPoints, evalBatches, seed, threads, steps);
  }
}
