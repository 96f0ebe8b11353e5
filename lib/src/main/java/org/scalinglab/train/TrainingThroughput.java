package org.scalinglab.train;

import org.apache.commons.math3.stat.descriptive.rank.Median;
import java.util.SplittableRandom;

/**
 * Measures training throughput (tokens per second) of a transformer on random tokens: a few
 * warm-up steps (JIT compilation, page faults), then timed steps of forward, backward and AdamW.
 * Reports the median step, since the machine may be shared.
 */
public final class TrainingThroughput {
  /**
   * @param tokensPerSecond median over the timed steps
   * @param stepSeconds every timed step's wall time
   * @param trainingFlopsPerToken from the model's shape
   * @param lastLoss loss of the last step (a sanity value: ≈ ln V at the start)
   */
  public record Result(double tokensPerSecond, double[] stepSeconds, double trainingFlopsPerToken, double lastLoss) {
    /** Achieved FLOP/s at the median step. */
    public double flopsPerSecond() {
      return tokensPerSecond * trainingFlopsPerToken;
    }
  }

  private TrainingThroughput() {}

  public static Result measure(TransformerConfig cfg, int batch, int threads, int warmupSteps, int timedSteps, long seed) {
    try (WorkerPool pool = new WorkerPool(threads);
         Transformer model = new Transformer(cfg, batch, seed, pool)) {
      AdamW opt = new AdamW(model.params().length(), AdamW.Settings.DEFAULT);
      int n = batch * cfg.context();
      int[] in = new int[n], tg = new int[n];
      SplittableRandom rng = new SplittableRandom(seed);
      double[] times = new double[timedSteps];
      double loss = Double.NaN;
      for (int s = 0; s < warmupSteps + timedSteps; s++) {
        for (int i = 0; i < n; i++) {
          in[i] = rng.nextInt(cfg.vocab());
          tg[i] = rng.nextInt(cfg.vocab());
        }
        long t0 = System.nanoTime();
        loss = model.forward(in, tg);
        model.backward();
        long t1 = StepProfile.start();
        opt.update(model.params(), model.grads(), model.decayed(), 1e-3, pool);
        StepProfile.stop(StepProfile.Phase.OPTIMISER, t1);
        double dt = (System.nanoTime() - t0) * 1e-9;
        if (s >= warmupSteps) times[s - warmupSteps] = dt;
      }
      double median = new Median().evaluate(times); // the mean of the middle two for even counts
      return new Result(n / median, times, cfg.trainingFlopsPerToken(), loss);
    }
  }
}
