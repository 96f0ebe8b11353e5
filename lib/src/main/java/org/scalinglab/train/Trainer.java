package org.scalinglab.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Trains a {@link LanguageModel} on a {@link TokenSource} for a token budget: AdamW with
 * gradient clipping, linear warm-up then cosine decay over exactly this run's steps
 * ({@link LearningRateSchedule}), held-out loss at evenly spaced points, checkpoints every
 * {@link TrainSettings#checkpointEvery()} steps (resumed automatically when the checkpoint file
 * exists and belongs to the same run).
 */
public final class Trainer {
  /** Called after every step (for progress bars). */
  @FunctionalInterface
  public interface Progress {
    void update(long step, long steps, double loss);

    Progress NONE = (s, n, l) -> {};
  }

  private Trainer() {}

  /** Steps for a token budget: tokens / (B·T), rounded, at least 1. */
  public static long stepsFor(double tokens, int batch, int context) {
    return Math.max(1, Math.round(tokens / ((double) batch * context)));
  }

  /**
   * Trains {@code model} (already initialised from the settings' seed) for {@code tokens} tokens.
   *
   * @param checkpoint checkpoint file, or null for none
   * @param peakFlops measured matmul peak (FLOP/s) for MFU; ≤ 0 to skip MFU
   */
  public static TrainResult train(LanguageModel model, TokenSource data, double tokens, TrainSettings s,
      Path checkpoint, Progress progress, double peakFlops) {
    if (data.vocab() > model.vocab()) {
      throw new IllegalArgumentException("data has " + data.vocab() + " tokens, model vocabulary is " + model.vocab());
    }
    int B = model.batch(), T = model.context();
    long steps = stepsFor(tokens, B, T);
    double tokensPerStep = (double) B * T;
    double fpt = model.trainingFlopsPerToken();
    LearningRateSchedule lr = LearningRateSchedule.of(s.learningRate(), steps, s.warmupFraction(), s.minLrRatio());
    AdamW opt = new AdamW(model.params().length(), s.adam());
    String fingerprint = model.describe() + "|" + data.describe() + "|steps=" + steps + "|" + s;
    long evalEvery = Math.max(1, steps / s.evalPoints());

    long start = 0;
    double wallBefore = 0, lossSum = 0;
    int lossCount = 0;
    List<CurvePoint> curve = new ArrayList<>();
    try {
      Checkpoint.State st = Checkpoint.read(checkpoint, fingerprint, model.params(), opt);
      if (st != null) {
        start = st.step();
        wallBefore = st.wallSeconds();
        lossSum = st.lossSum();
        lossCount = st.lossCount();
        curve.addAll(st.curve());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + checkpoint, e);
    }

    int n = B * T;
    int[] in = new int[n], tg = new int[n];
    double lastLoss = Double.NaN;
    try (WorkerPool pool = new WorkerPool(s.threads())) {
      long t0 = System.nanoTime();
      for (long step = start; step < steps; step++) {
        if (Thread.currentThread().isInterrupted()) { // once per step: an interrupt stops training here
          boolean saved = checkpoint != null && step > start;
          if (saved) { // with the interrupt status cleared meanwhile: an interrupted file channel would close
            Thread.interrupted();
            try {
              Checkpoint.write(checkpoint, fingerprint, step, wallBefore + (System.nanoTime() - t0) * 1e-9, lossSum, lossCount,
                  curve, model.params(), opt);
            } finally {
              Thread.currentThread().interrupt();
            }
          }
          throw new CancellationException("training interrupted after step " + step + " of " + steps
              + (saved ? " (checkpoint written: the same call resumes from it)" : ""));
        }
        data.trainBatch(s.orderSeed(), step, B, T, in, tg);
        lastLoss = model.forward(in, tg);
        model.backward();
        opt.update(model.params(), model.grads(), model.decayed(), lr.at(step), pool);
        lossSum += lastLoss;
        lossCount++;
        long done = step + 1;
        if (done % evalEvery == 0 || done == steps) {
          double eval = evaluate(model, data, s.seed(), s.evalBatches());
          curve.add(new CurvePoint(done, done * tokensPerStep, done * tokensPerStep * fpt, lossSum / lossCount, eval));
          lossSum = 0;
          lossCount = 0;
        }
        progress.update(done, steps, lastLoss);
        if (checkpoint != null && s.checkpointEvery() > 0 && done % s.checkpointEvery() == 0 && done < steps) {
          double wall = wallBefore + (System.nanoTime() - t0) * 1e-9;
          Checkpoint.write(checkpoint, fingerprint, done, wall, lossSum, lossCount, curve, model.params(), opt);
        }
      }
      double wall = wallBefore + (System.nanoTime() - t0) * 1e-9;
      if (checkpoint != null) Files.deleteIfExists(checkpoint);
      double seen = steps * tokensPerStep;
      double tps = seen / Math.max(wall, 1e-9);
      double mfu = peakFlops > 0 ? tps * fpt / peakFlops : Double.NaN;
      CurvePoint last = curve.get(curve.size() - 1);
      return new TrainResult(model.describe(), data.describe(), model.embeddingParams(), model.nonEmbeddingParams(),
          fpt, steps, seen, seen * fpt, wall, tps, mfu, last.evalLoss(), last.trainLoss(), curve);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + checkpoint, e);
    }
  }

  /** Mean loss over the first {@code batches} held-out batches. */
  public static double evaluate(LanguageModel model, TokenSource data, long seed, int batches) {
    int B = model.batch(), T = model.context();
    int[] in = new int[B * T], tg = new int[B * T];
    double sum = 0;
    for (int i = 0; i < batches; i++) {
      data.evalBatch(seed, i, B, T, in, tg);
      sum += model.forward(in, tg);
    }
    return sum / batches;
  }

  /**
   * Mean held-out loss at each position of the context window (0 = the first prediction, which
   * sees one token), over the first {@code batches} held-out batches: how much a model gains from
   * longer context (Kaplan et al. 2020, Figure 7, right, and Figure 20).
   */
  public static double[] evaluateByPosition(LanguageModel model, TokenSource data, long seed, int batches) {
    int B = model.batch(), T = model.context();
    int[] in = new int[B * T], tg = new int[B * T];
    double[] rows = new double[B * T], byPos = new double[T];
    for (int i = 0; i < batches; i++) {
      data.evalBatch(seed, i, B, T, in, tg);
      model.forward(in, tg);
      model.lastTokenLosses(rows);
      for (int r = 0; r < B * T; r++) byPos[r % T] += rows[r];
    }
    for (int t = 0; t < T; t++) byPos[t] /= (double) batches * B;
    return byPos;
  }
}
