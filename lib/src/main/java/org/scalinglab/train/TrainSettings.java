package org.scalinglab.train;

/**
 * Everything about a training run except the model's shape and the data.
 *
 * <p>Three seeds: {@code seed} chooses the held-out batches (and is the default of the other
 * two), {@code initSeed} the initial weights, {@code orderSeed} the training batches and their
 * order. Varying only {@code initSeed} or only {@code orderSeed} separates the two sources of
 * run-to-run variance (notebook 13) while every run is measured on the same held-out batches.
 * Settings made with one seed ({@link #withSeed}) use it for all three, as before the split, and
 * print as before (so ledger and checkpoint fingerprints of existing sweeps are unchanged).
 *
 * @param batch sequences per step B
 * @param learningRate peak learning rate
 * @param warmupFraction fraction of the run spent warming up linearly
 * @param minLrRatio final learning rate / peak at the end of the cosine
 * @param adam AdamW hyper-parameters and gradient clipping
 * @param evalPoints how many times the held-out loss is measured during the run (the last step always is)
 * @param evalBatches held-out batches per measurement
 * @param seed held-out batch seed (and the default initialisation and order seed)
 * @param threads worker threads (results are bit-identical for the same seeds and thread count)
 * @param checkpointEvery steps between checkpoints (0: never)
 * @param initSeed initialisation seed (the model's weights)
 * @param orderSeed training data seed (which batches, in which order)
 */
public record TrainSettings(int batch, double learningRate, double warmupFraction, double minLrRatio,
    AdamW.Settings adam, int evalPoints, int evalBatches, long seed, int threads, int checkpointEvery,
    long initSeed, long orderSeed) {
  public TrainSettings {
    if (batch < 1) throw new IllegalArgumentException("batch must be ≥ 1, got " + batch);
    if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
    if (evalPoints < 1) throw new IllegalArgumentException("eval points must be ≥ 1, got " + evalPoints);
    if (evalBatches < 1) throw new IllegalArgumentException("eval batches must be ≥ 1, got " + evalBatches);
    if (threads < 1) throw new IllegalArgumentException("threads must be ≥ 1, got " + threads);
    if (checkpointEvery < 0) throw new IllegalArgumentException("checkpoint interval must be ≥ 0, got " + checkpointEvery);
  }

  /** One seed for held-out batches, initialisation and data order (the behaviour before the seeds were split). */
  public TrainSettings(int batch, double learningRate, double warmupFraction, double minLrRatio,
      AdamW.Settings adam, int evalPoints, int evalBatches, long seed, int threads, int checkpointEvery) {
    this(batch, learningRate, warmupFraction, minLrRatio, adam, evalPoints, evalBatches, seed, threads, checkpointEvery, seed, seed);
  }

  /** Defaults for small models: B = 16, lr 3e-3, 5% warm-up, 10× cosine decay, AdamW defaults, 8 eval points of 4 batches, 2 threads. */
  public static TrainSettings defaults() {
    return new TrainSettings(16, 3e-3, 0.05, 0.1, AdamW.Settings.DEFAULT, 8, 4, 1L, 2, 200);
  }

  public TrainSettings withBatch(int b) {
    return new TrainSettings(b, learningRate, warmupFraction, minLrRatio, adam, evalPoints, evalBatches, seed, threads, checkpointEvery, initSeed, orderSeed);
  }

  public TrainSettings withLearningRate(double lr) {
    return new TrainSettings(batch, lr, warmupFraction, minLrRatio, adam, evalPoints, evalBatches, seed, threads, checkpointEvery, initSeed, orderSeed);
  }

  /** Warm-up fraction and final/peak learning-rate ratio (1: constant after warm-up). */
  public TrainSettings withSchedule(double warmup, double minRatio) {
    return new TrainSettings(batch, learningRate, warmup, minRatio, adam, evalPoints, evalBatches, seed, threads, checkpointEvery, initSeed, orderSeed);
  }

  /** One seed for everything: held-out batches, initialisation and data order. */
  public TrainSettings withSeed(long s) {
    return new TrainSettings(batch, learningRate, warmupFraction, minLrRatio, adam, evalPoints, evalBatches, s, threads, checkpointEvery, s, s);
  }

  /** Another initialisation seed; held-out batches and data order unchanged. */
  public TrainSettings withInitSeed(long s) {
    return new TrainSettings(batch, learningRate, warmupFraction, minLrRatio, adam, evalPoints, evalBatches, seed, threads, checkpointEvery, s, orderSeed);
  }

  /** Another data-order seed; held-out batches and initialisation unchanged. */
  public TrainSettings withOrderSeed(long s) {
    return new TrainSettings(batch, learningRate, warmupFraction, minLrRatio, adam, evalPoints, evalBatches, seed, threads, checkpointEvery, initSeed, s);
  }

  public TrainSettings withThreads(int t) {
    return new TrainSettings(batch, learningRate, warmupFraction, minLrRatio, adam, evalPoints, evalBatches, seed, t, checkpointEvery, initSeed, orderSeed);
  }

  public TrainSettings withEval(int points, int batches) {
    return new TrainSettings(batch, learningRate, warmupFraction, minLrRatio, adam, points, batches, seed, threads, checkpointEvery, initSeed, orderSeed);
  }

  public TrainSettings withCheckpointEvery(int steps) {
    return new TrainSettings(batch, learningRate, warmupFraction, minLrRatio, adam, evalPoints, evalBatches, seed, threads, steps, initSeed, orderSeed);
  }

  /** Whether one seed serves all three purposes (the settings print as they did before the split). */
  public boolean singleSeed() {
    return initSeed == seed && orderSeed == seed;
  }

  /** As the record's text, without the split seeds when they equal {@code seed} (keeps existing fingerprints). */
  @Override
  public String toString() {
    String base = "TrainSettings[batch=" + batch + ", learningRate=" + learningRate + ", warmupFraction=" + warmupFraction
        + ", minLrRatio=" + minLrRatio + ", adam=" + adam + ", evalPoints=" + evalPoints + ", evalBatches=" + evalBatches
        + ", seed=" + seed + ", threads=" + threads + ", checkpointEvery=" + checkpointEvery;
    return base + (singleSeed() ? "]" : ", initSeed=" + initSeed + ", orderSeed=" + orderSeed + "]");
  }
}
