package org.scalinglab.oracle;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.scalinglab.data.Run;
import org.scalinglab.data.Runs;
import org.scalinglab.error.BadInputException;
import org.scalinglab.law.ChinchillaLaw;
import org.scalinglab.units.TrainingCompute;

/**
 * "Train" a model of N parameters on D tokens and get its final loss, paying C = 6ND FLOPs
 * (Kaplan et al. 2020, Section 2.1) from a fixed budget — the design of Stanford CS336's
 * scaling-law assignment, offline. The loss is the seed's {@link HiddenLaw} times a run-to-run
 * noise factor exp(σ·z), z ~ N(0, 1) drawn from (seed, N, D): asking the same run twice gives the
 * same loss (and is charged twice), so noise cannot be averaged away by repeating a query.
 * σ defaults to 0.5%, about the seed-to-seed spread of final losses of small language models.
 *
 * <pre>{@code
 * TrainingOracle oracle = TrainingOracle.builder().seed(42).budget(2e18).build();
 * double loss = oracle.query(50e6, 1e9);   // charges 3e17 FLOPs
 * Runs runs = oracle.runs();               // everything asked so far, for Approach2Fit / Approach3Fit
 * }</pre>
 *
 * Not thread-safe (one student, one notebook).
 */
public final class TrainingOracle {
  /** The default budget of homework 2: 2·10^18 FLOPs (CS336's assignment used the same order). */
  public static final double DEFAULT_BUDGET = 2e18;
  /** Smallest and largest model the oracle trains (parameters). */
  public static final double MIN_PARAMS = 1e5, MAX_PARAMS = 1e11;
  /** Smallest and largest run (tokens). */
  public static final double MIN_TOKENS = 1e5, MAX_TOKENS = 1e13;

  private final long seed;
  private final double budget;
  private final double noiseSd;
  private final ChinchillaLaw law;
  private final List<Run> runs = new ArrayList<>();
  private double spent;

  private TrainingOracle(Builder b) {
    this.seed = b.seed;
    this.budget = b.budget;
    this.noiseSd = b.noiseSd;
    this.law = HiddenLaw.forSeed(b.seed);
  }

  public static Builder builder() {
    return new Builder();
  }

  public long seed() { return seed; }
  public double budget() { return budget; }
  public double spent() { return spent; }
  public double remaining() { return budget - spent; }
  public double noiseSd() { return noiseSd; }

  /** The final loss of a run of {@code params} parameters on {@code tokens} tokens; charges 6ND FLOPs. */
  public double query(double params, double tokens) {
    inRange("N (parameters)", params, MIN_PARAMS, MAX_PARAMS);
    inRange("D (tokens)", tokens, MIN_TOKENS, MAX_TOKENS);
    double cost = TrainingCompute.flops(params, tokens);
    if (cost > remaining() * (1 + 1e-12)) {
      throw new BudgetExceededException(String.format(Locale.ROOT,
          "over budget: the run N = %.4g, D = %.4g costs 6ND = %.4g FLOPs, but only %.4g of the %.4g budget is left"
              + " (%d runs so far spent %.4g)", params, tokens, cost, remaining(), budget, runs.size(), spent));
    }
    spent += cost;
    double loss = law.loss(params, tokens) * Math.exp(noiseSd * noise(params, tokens));
    runs.add(Run.of(params, tokens, loss));
    return loss;
  }

  /** The loss a run of {@code compute} FLOPs with {@code params} parameters reaches (D = C/6N). */
  public double queryCompute(double params, double compute) {
    return query(params, TrainingCompute.tokens(compute, params));
  }

  /** Every run asked so far, in order. */
  public Runs runs() {
    return Runs.of(List.copyOf(runs), "oracle seed " + seed);
  }

  private double noise(double params, double tokens) {
    long h = seed * 0x9E3779B97F4A7C15L;
    h = (h ^ Double.doubleToLongBits(params)) * 0xBF58476D1CE4E5B9L;
    h = (h ^ Double.doubleToLongBits(tokens)) * 0x94D049BB133111EBL;
    return new java.util.Random(h).nextGaussian(); // Random: same sequence on every JDK
  }

  private static void inRange(String what, double x, double lo, double hi) {
    if (!(x >= lo && x <= hi)) {
      throw new BadInputException(String.format(Locale.ROOT,
          "%s must be between %.0e and %.0e, got %s", what, lo, hi, x));
    }
  }

  /** Seed, budget and noise of an oracle. */
  public static final class Builder {
    private long seed = 0;
    private double budget = DEFAULT_BUDGET;
    private double noiseSd = 0.005;

    public Builder seed(long s) {
      this.seed = s;
      return this;
    }

    /** The FLOPs the student may spend (positive, finite). */
    public Builder budget(double flops) {
      if (!(flops > 0) || Double.isInfinite(flops)) throw new BadInputException("budget must be a positive number of FLOPs, got " + flops);
      this.budget = flops;
      return this;
    }

    /** Standard deviation of the log-loss noise (0 for none). */
    public Builder noiseSd(double sd) {
      if (!(sd >= 0 && sd < 0.5)) throw new BadInputException("noise must be in [0, 0.5), got " + sd);
      this.noiseSd = sd;
      return this;
    }

    public TrainingOracle build() {
      return new TrainingOracle(this);
    }
  }
}
