package org.scalinglab.fit;

import org.scalinglab.error.FitFailedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.scalinglab.data.Run;
import org.scalinglab.data.Runs;

/**
 * Chinchilla Approach 3 (Hoffmann et al. 2022, Section 3.3 and Appendix D.2): fit
 * L(N, D) = E + A/N^α + B/D^β to runs by minimising the sum of Huber losses of log-space residuals
 * ({@link HuberLogObjective}) with L-BFGS ({@link Lbfgs}) from every point of a start grid
 * ({@link StartGrid#hoffmann()}: 4,500 starts), in parallel, keeping the best.
 *
 * <pre>{@code
 * Approach3Result fit = Approach3Fit.builder().huberDelta(1e-3).starts(StartGrid.hoffmann()).build().fit(runs);
 * ChinchillaLaw law = fit.law();
 * }</pre>
 *
 * <p>Determinism: each start is an independent, deterministic L-BFGS run; results are stored by
 * start index and the best is chosen by (objective, index), so the answer does not depend on the
 * number of threads or their timing. The best start is then polished by a second L-BFGS run with
 * tight tolerances (which can only lower the objective).
 */
public final class Approach3Fit {
  private final double huberDelta;
  private final StartGrid starts;
  private final Exclusions exclusions;
  private final Lbfgs lbfgs;
  private final Lbfgs polish;
  private final double nearBestTolerance;
  private final int threads;
  private final boolean meanInsteadOfSum;

  private Approach3Fit(Builder b) {
    this.huberDelta = b.huberDelta;
    this.starts = b.starts;
    this.exclusions = b.exclusions;
    this.lbfgs = b.lbfgs;
    this.polish = b.polish;
    this.nearBestTolerance = b.nearBestTolerance;
    this.threads = b.threads;
    this.meanInsteadOfSum = b.meanInsteadOfSum;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this fit's options, to change a few (e.g. the starts). */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.huberDelta = huberDelta;
    b.starts = starts;
    b.exclusions = exclusions;
    b.lbfgs = lbfgs;
    b.polish = polish;
    b.nearBestTolerance = nearBestTolerance;
    b.threads = threads;
    b.meanInsteadOfSum = meanInsteadOfSum;
    return b;
  }

  public double huberDelta() {
    return huberDelta;
  }

  public StartGrid starts() {
    return starts;
  }

  public Exclusions exclusions() {
    return exclusions;
  }

  /** Fits the runs (after this fit's exclusions). */
  public Approach3Result fit(Runs runs) {
    JitWarmUp.stop(); // a fit of its own: the CLI's warm-up thread, if any, gives its core back
    Runs used = exclusions.apply(runs);
    Identifiability.requireDetermined(used, LAW, HuberLogObjective.SIZE, 3);
    HuberLogObjective sum = HuberLogObjective.of(used, huberDelta);
    DifferentiableFunction objective = sum;
    if (meanInsteadOfSum) {
      int n = used.size();
      objective = (x, g) -> {
        double v = sum.valueAndGradient(x, g);
        for (int j = 0; j < g.length; j++) g[j] /= n;
        return v / n;
      };
    }
    LbfgsResult[] results = runAll(objective);
    int best = -1;
    long evaluations = 0;
    for (int i = 0; i < results.length; i++) {
      evaluations += results[i].evaluations();
      double v = results[i].value();
      if (Double.isFinite(v) && (best < 0 || v < results[best].value())) best = i;
    }
    if (best < 0) {
      throw new FitFailedException(runs.source() + ": the Approach-3 objective was not finite at any of "
          + results.length + " starts");
    }
    LbfgsResult chosen = results[best];
    boolean converged = chosen.converged();
    if (polish != null && !meanInsteadOfSum) {
      LbfgsResult polished = polish.minimize(objective, chosen.x());
      evaluations += polished.evaluations();
      if (polished.value() <= chosen.value()) {
        chosen = polished;
        converged = converged || polished.converged();
      }
    }
    double bestValue = chosen.value();
    double slack = nearBestTolerance * Math.abs(bestValue);
    int near = 0;
    for (LbfgsResult r : results) if (r.value() - bestValue <= slack) near++;
    double[] t = chosen.x();
    requireUsable(used, t);
    return new Approach3Result(t[HuberLogObjective.A], t[HuberLogObjective.B], t[HuberLogObjective.E],
        t[HuberLogObjective.ALPHA], t[HuberLogObjective.BETA], sum.value(t), converged, near, results.length,
        evaluations, huberDelta, used);
  }

  /** How the law is named in messages. */
  static final String LAW = "the Approach-3 law E + A/N^α + B/D^β";

  /** Largest exponent α or β accepted as a fit rather than a runaway (a term that is a step at N = 1). */
  public static final double MAX_EXPONENT = 10;

  /**
   * Refuses a best point that ran to a bound or to a non-finite value: a non-finite parameter, A or
   * B beyond the range of doubles, an exponent ≤ 0 or above {@link #MAX_EXPONENT}, or E ran to 0
   * (below 10⁻⁶ of the smallest loss). The message says which and what in the runs may cause it.
   */
  private static void requireUsable(Runs used, double[] t) {
    String[] names = {"log A", "log B", "log E", "α", "β"};
    String problem = null;
    for (int j = 0; j < t.length && problem == null; j++) {
      if (!Double.isFinite(t[j])) problem = names[j] + " ran to a non-finite value (" + t[j] + ")";
    }
    if (problem == null) {
      if (!Double.isFinite(Math.exp(t[HuberLogObjective.A]))) {
        problem = String.format(Locale.ROOT, "A ran to a non-finite value (log A = %.4g)", t[HuberLogObjective.A]);
      } else if (!Double.isFinite(Math.exp(t[HuberLogObjective.B]))) {
        problem = String.format(Locale.ROOT, "B ran to a non-finite value (log B = %.4g)", t[HuberLogObjective.B]);
      } else if (!(t[HuberLogObjective.ALPHA] > 0 && t[HuberLogObjective.ALPHA] <= MAX_EXPONENT)) {
        problem = String.format(Locale.ROOT, "α ran to %.4g (outside (0, %.0f])", t[HuberLogObjective.ALPHA], MAX_EXPONENT);
      } else if (!(t[HuberLogObjective.BETA] > 0 && t[HuberLogObjective.BETA] <= MAX_EXPONENT)) {
        problem = String.format(Locale.ROOT, "β ran to %.4g (outside (0, %.0f])", t[HuberLogObjective.BETA], MAX_EXPONENT);
      } else {
        double minLoss = Arrays.stream(used.loss()).min().orElse(1);
        if (Math.exp(t[HuberLogObjective.E]) < 1e-6 * minLoss) {
          problem = String.format(Locale.ROOT, "E ran to 0 (E = %.3g): the runs show no loss floor", Math.exp(t[HuberLogObjective.E]));
        }
      }
    }
    if (problem == null) return;
    double[] loss = used.loss().clone();
    Arrays.sort(loss);
    double median = loss[loss.length / 2], max = loss[loss.length - 1];
    String hint = max > 100 * median
        ? String.format(Locale.ROOT, "; the largest loss, %.3g, is %.3g× the median %.3g: an outlier?", max, max / median, median)
        : "";
    throw new FitFailedException(used.source() + ": the Approach-3 fit did not converge: " + problem + "; no law is reported" + hint);
  }

  private LbfgsResult[] runAll(DifferentiableFunction objective) {
    int size = starts.size();
    LbfgsResult[] results = new LbfgsResult[size];
    Thread caller = Thread.currentThread();
    String stopped = "fit interrupted (" + size + " starts)";
    // Every worker claims the next start until none is left, so the slow starts (hundreds of
    // evaluations, clustered in the grid) spread over all threads instead of ending the fit on one.
    // An interrupt of the calling thread stops the remaining starts on every thread.
    AtomicInteger next = new AtomicInteger();
    Runnable worker = () -> {
      for (int i = next.getAndIncrement(); i < size; i = next.getAndIncrement()) {
        if (caller.isInterrupted()) throw new CancellationException(stopped);
        results[i] = lbfgs.minimize(objective, starts.get(i));
      }
    };
    int k = Math.max(1, Math.min(size, threads > 0 ? threads : Runtime.getRuntime().availableProcessors()));
    if (k == 1) {
      worker.run();
      return results;
    }
    ForkJoinPool pool = threads > 0 ? new ForkJoinPool(k - 1) : ForkJoinPool.commonPool();
    List<Future<?>> helpers = new ArrayList<>();
    try {
      for (int t = 1; t < k; t++) helpers.add(pool.submit(worker));
      worker.run(); // the calling thread is one of the k
      for (Future<?> h : helpers) h.get();
    } catch (InterruptedException ex) {
      caller.interrupt(); // the helpers see it and stop at their next start
      throw new CancellationException(stopped);
    } catch (ExecutionException ex) {
      if (ex.getCause() instanceof CancellationException c) throw c;
      if (ex.getCause() instanceof RuntimeException r) throw r;
      throw new IllegalStateException(ex.getCause());
    } finally {
      if (pool != ForkJoinPool.commonPool()) pool.shutdown();
    }
    return results;
  }

  /** Options of an {@link Approach3Fit}; defaults follow Hoffmann et al. 2022 / Besiroglu et al. 2024. */
  public static final class Builder {
    private double huberDelta = 1e-3;
    private StartGrid starts = StartGrid.hoffmann();
    private Exclusions exclusions = Exclusions.none();
    private Lbfgs lbfgs = Lbfgs.defaults();
    private Lbfgs polish = Lbfgs.builder().gradientTolerance(1e-12).functionTolerance(0).maxIterations(2000).build();
    private double nearBestTolerance = 1e-6;
    private int threads = 0;
    private boolean meanInsteadOfSum = false;

    private Builder() {}

    /** Huber δ (default 10⁻³, Hoffmann et al. 2022, Section 3.3). */
    public Builder huberDelta(double delta) {
      if (!(delta > 0) || Double.isInfinite(delta)) {
        throw new IllegalArgumentException("Huber delta must be a positive finite number, got " + delta);
      }
      this.huberDelta = delta;
      return this;
    }

    /** Starting points (default {@link StartGrid#hoffmann()}, 4,500 starts). */
    public Builder starts(StartGrid grid) {
      if (grid == null) throw new IllegalArgumentException("starts must not be null");
      this.starts = grid;
      return this;
    }

    /** Exclude every run for which the predicate holds (adds to earlier predicates). */
    public Builder exclude(Predicate<Run> predicate) {
      this.exclusions = exclusions.withPredicate(predicate);
      return this;
    }

    /** Exclude the K runs with the highest loss. */
    public Builder excludeHighestLoss(int k) {
      this.exclusions = exclusions.withHighestLoss(k);
      return this;
    }

    /** Exclude the K runs with the lowest compute. */
    public Builder excludeLowestCompute(int k) {
      this.exclusions = exclusions.withLowestCompute(k);
      return this;
    }

    public Builder exclusions(Exclusions e) {
      if (e == null) throw new IllegalArgumentException("exclusions must not be null");
      this.exclusions = e;
      return this;
    }

    /** The optimiser run from each start (default: scipy's L-BFGS-B tolerances). */
    public Builder lbfgs(Lbfgs optimiser) {
      this.lbfgs = optimiser;
      return this;
    }

    /** The optimiser that polishes the best start (default: tight tolerances; null: no polishing). */
    public Builder polish(Lbfgs optimiser) {
      this.polish = optimiser;
      return this;
    }

    /** Relative tolerance for counting starts "near the best" (default 10⁻⁶). */
    public Builder nearBestTolerance(double tol) {
      if (!(tol >= 0)) throw new IllegalArgumentException("nearBestTolerance must be ≥ 0, got " + tol);
      this.nearBestTolerance = tol;
      return this;
    }

    /** Threads: 0 (default) = all cores (the caller and the common pool), 1 = sequential, k = the caller and a pool of k − 1. */
    public Builder threads(int k) {
      if (k < 0) throw new IllegalArgumentException("threads must be ≥ 0, got " + k);
      this.threads = k;
      return this;
    }

    /**
     * Minimise the <em>mean</em> of the Huber losses instead of their sum, with no polishing: the
     * choice Besiroglu et al. 2024 (Section 3) found behind Hoffmann et al.'s early-stopped fit. For
     * demonstration only: with L-BFGS's default tolerances the search stops before the optimum.
     * The reported objective is still the sum, so fits are comparable.
     */
    public Builder meanInsteadOfSum(boolean mean) {
      this.meanInsteadOfSum = mean;
      return this;
    }

    public Approach3Fit build() {
      return new Approach3Fit(this);
    }
  }
}
