package org.scalinglab.fit;

import org.scalinglab.util.SeedMix;
import org.scalinglab.error.FitFailedException;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.scalinglab.data.Run;
import org.scalinglab.data.Runs;

/**
 * Bootstrap intervals for an Approach-3 fit (Efron 1979; as used for scaling laws by Besiroglu et
 * al. 2024, arXiv:2404.10102, Section 4): resample the fitted runs with replacement, refit each
 * resample warm-started near the full-data optimum (a few starts around it rather than the full grid),
 * and take percentile intervals of every parameter and of N*(C), D*(C) and D*÷N* at one budget.
 *
 * <pre>{@code
 * Approach3Result full = fit.fit(runs);
 * BootstrapResult b = Bootstrap.builder().resamples(1000).seed(1).build().run(fit, full);
 * b.interval(BootstrapResult.Quantity.ALPHA);
 * }</pre>
 *
 * <p>Deterministic for a seed, whatever the number of threads: resample i draws from its own
 * generator, seeded from (seed, i), and results are kept by index.
 */
public final class Bootstrap {
  /** Hoffmann et al. 2022's Gopher budget, 5.76·10²³ FLOPs (Table 3), the default budget for N*(C). */
  public static final double GOPHER_BUDGET = 5.76e23;

  private final int resamples;
  private final long seed;
  private final double budget;
  private final double level;
  private final int warmStarts;
  private final double warmSpread;
  private final FitProgress progress;
  private final Lbfgs refitOptimiser;

  private Bootstrap(Builder b) {
    this.resamples = b.resamples;
    this.seed = b.seed;
    this.budget = b.budget;
    this.level = b.level;
    this.warmStarts = b.warmStarts;
    this.warmSpread = b.warmSpread;
    this.progress = b.progress;
    this.refitOptimiser = b.refitOptimiser;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Resamples {@code full.runs()} and refits each with {@code fit}'s options (warm-started). */
  public BootstrapResult run(Approach3Fit fit, Approach3Result full) {
    Runs runs = full.runs();
    int n = runs.size();
    List<Run> all = runs.list();
    double[] center = full.theta();
    double[][] thetas = new double[resamples][];
    AtomicInteger done = new AtomicInteger();
    Object lock = new Object();
    progress.update(0, resamples);
    Thread caller = Thread.currentThread();
    try {
    IntStream.range(0, resamples).parallel().forEach(i -> {
      // once per resample: an interrupt of the calling thread stops the remaining ones
      if (caller.isInterrupted()) throw new CancellationException("bootstrap interrupted after " + done.get() + " of " + resamples + " resamples");
      long s = SeedMix.mix(seed, i);
      SplittableRandom rng = new SplittableRandom(s);
      List<Run> sample = new ArrayList<>(n);
      for (int k = 0; k < n; k++) sample.add(all.get(rng.nextInt(n)));
      Approach3Fit refit = fit.toBuilder().exclusions(Exclusions.none()).threads(1)
          .starts(StartGrid.around(center, warmStarts, warmSpread, s)).lbfgs(refitOptimiser).polish(null).build();
      try {
        thetas[i] = refit.fit(Runs.of(sample, runs.source() + " (resample " + i + ")")).theta();
      } catch (FitFailedException ex) {
        thetas[i] = null; // counted as failed
      } catch (CancellationException ex) {
        // the refit saw the interrupt first (it checks per start): report it as the bootstrap's
        throw new CancellationException("bootstrap interrupted after " + done.get() + " of " + resamples + " resamples");
      }
      synchronized (lock) {
        progress.update(done.incrementAndGet(), resamples);
      }
    });
    } catch (CancellationException ex) {
      // the fork-join join of a cancelled sibling throws one without a message: say what stopped
      throw new CancellationException("bootstrap interrupted after " + done.get() + " of " + resamples + " resamples");
    }
    return new BootstrapResult(full, budget, level, thetas);
  }


  /** Options of a {@link Bootstrap}. */
  public static final class Builder {
    private int resamples = 1000;
    private long seed = 0;
    private double budget = GOPHER_BUDGET;
    private double level = 0.95;
    private int warmStarts = 4;
    private double warmSpread = 0.05;
    private FitProgress progress = FitProgress.none();
    // Tight tolerances: a refit starts next to its optimum, where one step lowers an objective of
    // order 10⁻³ by less than scipy's absolute ftol (2.2·10⁻⁹), so the default rule would stop it
    // at once and every resample would return the full-data fit.
    private Lbfgs refitOptimiser = Lbfgs.builder().gradientTolerance(1e-9).functionTolerance(0).maxIterations(2000).build();

    private Builder() {}

    /** The optimiser of each refit (default: L-BFGS with |∇f| ≤ 1e-9 and no function-change stop). */
    public Builder refitOptimiser(Lbfgs optimiser) {
      if (optimiser == null) throw new IllegalArgumentException("optimiser must not be null");
      this.refitOptimiser = optimiser;
      return this;
    }

    /** Number of resamples (default 1,000). */
    public Builder resamples(int k) {
      if (k < 2) throw new IllegalArgumentException("resamples must be ≥ 2, got " + k);
      this.resamples = k;
      return this;
    }

    public Builder seed(long s) {
      this.seed = s;
      return this;
    }

    /** Compute budget C (FLOPs) for N*(C), D*(C) and D*÷N* (default Gopher's 5.76e23). */
    public Builder budget(double c) {
      if (!(c > 0) || Double.isInfinite(c)) throw new IllegalArgumentException("budget must be a positive finite number of FLOPs, got " + c);
      this.budget = c;
      return this;
    }

    /** Interval coverage (default 0.95). */
    public Builder level(double l) {
      if (!(l > 0 && l < 1)) throw new IllegalArgumentException("level must be in (0, 1), got " + l);
      this.level = l;
      return this;
    }

    /** Starts per refit: the full-data optimum plus jittered copies (default 4 in all). */
    public Builder warmStarts(int k, double spread) {
      if (k < 1) throw new IllegalArgumentException("warm starts must be ≥ 1, got " + k);
      if (!(spread >= 0)) throw new IllegalArgumentException("spread must be ≥ 0, got " + spread);
      this.warmStarts = k;
      this.warmSpread = spread;
      return this;
    }

    public Builder progress(FitProgress p) {
      this.progress = p == null ? FitProgress.none() : p;
      return this;
    }

    public Bootstrap build() {
      return new Bootstrap(this);
    }
  }
}
