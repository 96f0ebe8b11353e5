package org.scalinglab.demo;

import java.util.Locale;
import org.scalinglab.train.MarkovLanguage;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Likelihood is not sample quality (lecture 1's exam question; the argument of Theis, van den Oord
 * &amp; Bethge 2016, "A note on the evaluation of generative models", ICLR): mix a perfect model p of
 * a {@link MarkovLanguage} with noise q, p_M = w·p + (1 − w)·q with w = 0.01. Because
 * p_M(x) ≥ w·p(x), the log-likelihood of any data sequence drops by at most −ln w = ln 100 ≈ 4.61
 * nats, however long the sequence — while 99% of p_M's samples are noise.
 *
 * <p>Here a sequence is T tokens following a start state s₀ ~ π (the language's stationary law);
 * likelihoods are conditional on s₀. p(x) = Π p(x_t | s_{t−1}); the noise q picks every token
 * uniformly from the V-token vocabulary, q(x) = V^(−T). Everything is computed exactly:
 * <ul>
 *   <li>E_p[−ln p(x)] = T·H, H the entropy rate (the chain is stationary);</li>
 *   <li>the gap G(T) = E_p[ln p(x) − ln p_M(x)] = E_p[−ln(w + (1 − w)·q(x)/p(x))], by enumerating
 *       every sequence of positive probability (states·S^T of them, S successors per state);</li>
 *   <li>its bounds at any T: −ln w − ln(1 + (1 − w)/w·(S/V)^T) ≤ G(T) ≤ −ln w (the lower one by
 *       Jensen's inequality, since E_p[q/p] = P_q(p &gt; 0) = (S/V)^T exactly: every state has S
 *       possible successors);</li>
 *   <li>the fraction of p_M's samples that are valid sentences of the language:
 *       w + (1 − w)·(S/V)^T, which falls to w as T grows (the fraction drawn from p is w exactly).</li>
 * </ul>
 * Successor states follow {@link MarkovLanguage#stationary}'s convention: a state is its last k
 * tokens read as a base-V number, oldest first, so after token x state s becomes (s·V + x) mod V^k.
 */
public final class LikelihoodMixture {
  /** Enumeration limit: sequences of positive probability summed over (states·S^T). */
  public static final long MAX_ENUMERATED = 100_000_000L;

  private final MarkovLanguage lang;
  private final double weight;
  private final int support;
  private final int[][] next;
  private final double[][] logProb;

  /**
   * @param lang the language whose true model is p
   * @param weight w, the weight of p in the mixture (0 &lt; w ≤ 1; the lecture's 0.01)
   */
  public LikelihoodMixture(MarkovLanguage lang, double weight) {
    if (!(weight > 0 && weight <= 1)) throw new IllegalArgumentException("mixture weight must be in (0, 1], got " + weight);
    this.lang = java.util.Objects.requireNonNull(lang, "lang");
    this.weight = weight;
    int states = lang.states(), v = lang.vocab();
    next = new int[states][];
    logProb = new double[states][];
    int s0 = -1;
    for (int s = 0; s < states; s++) {
      double[] q = lang.trueDistribution(s);
      int count = 0;
      for (double x : q) if (x > 0) count++;
      if (s0 < 0) s0 = count;
      else if (count != s0) throw new IllegalArgumentException("states have different numbers of successors (" + s0 + ", " + count + ")");
      next[s] = new int[count];
      logProb[s] = new double[count];
      int i = 0;
      for (int x = 0; x < v; x++) {
        if (q[x] > 0) {
          next[s][i] = x;
          logProb[s][i++] = Math.log(q[x]);
        }
      }
    }
    this.support = s0;
  }

  /** The lecture's mixture: w = 0.01. */
  public static LikelihoodMixture lecture(MarkovLanguage lang) {
    return new LikelihoodMixture(lang, 0.01);
  }

  /** w. */
  public double weight() { return weight; }

  /** S, the possible successors of every state. */
  public int support() { return support; }

  /** −ln w: the most the log-likelihood of any sequence can drop (ln 100 ≈ 4.605 at w = 0.01). */
  public double maxGap() {
    return -Math.log(weight);
  }

  /** (S/V)^T: the probability that T noise tokens form a valid continuation. */
  public double noiseValidProbability(int length) {
    requireLength(length);
    return Math.pow((double) support / lang.vocab(), length);
  }

  /** w + (1 − w)·(S/V)^T: the fraction of p_M's samples of length T that are valid sentences. */
  public double validSampleFraction(int length) {
    return weight + (1 - weight) * noiseValidProbability(length);
  }

  /** E_p[−ln p(x)] = T·H: the expected negative log-likelihood of a data sequence under p. */
  public double dataNll(int length) {
    requireLength(length);
    return length * lang.entropyRate();
  }

  /** The Jensen lower bound −ln w − ln(1 + (1 − w)/w·(S/V)^T) on {@link #gap}. */
  public double gapLowerBound(int length) {
    return maxGap() - Math.log1p((1 - weight) / weight * noiseValidProbability(length));
  }

  /**
   * The exact expected log-likelihood gap E_p[ln p(x) − ln p_M(x)] per sequence of T tokens, by
   * enumerating all states·S^T sequences of positive probability (IllegalArgumentException above
   * {@link #MAX_ENUMERATED}; use the bounds there).
   */
  public double gap(int length) {
    requireLength(length);
    double count = lang.states() * Math.pow(support, length);
    if (count > MAX_ENUMERATED) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "T = %d needs %.3g sequences, more than %d: use gapLowerBound/maxGap", length, count, MAX_ENUMERATED));
    }
    double logQ = -length * Math.log(lang.vocab());
    double total = 0;
    for (int s = 0; s < lang.states(); s++) {
      double pi = lang.stationary(s);
      if (pi == 0) continue;
      if (Thread.currentThread().isInterrupted()) throw new java.util.concurrent.CancellationException("likelihood enumeration interrupted");
      total += pi * expectTerm(s, length, 0, logQ);
    }
    return total;
  }

  /** Σ over continuations of p(rest)·(−ln(w + (1 − w)·q/p)) from state s with logP so far. */
  private double expectTerm(int s, int left, double logP, double logQ) {
    if (left == 0) {
      double r = Math.exp(logQ - logP);
      return Math.exp(logP) * -Math.log(weight + (1 - weight) * r);
    }
    double sum = 0;
    int states = lang.states(), v = lang.vocab();
    for (int i = 0; i < next[s].length; i++) {
      int succ = (int) ((s * (long) v + next[s][i]) % states);
      sum += expectTerm(succ, left - 1, logP + logProb[s][i], logQ);
    }
    return sum;
  }

  /**
   * One row per length: T, E_p[−ln p] = T·H, the exact gap (NaN where too many sequences to
   * enumerate), its lower bound, the most it can be (−ln w), and the fraction of valid samples.
   */
  public Table table(int... lengths) {
    int k = lengths.length;
    double[] nll = new double[k], gap = new double[k], lo = new double[k], hi = new double[k], valid = new double[k];
    for (int i = 0; i < k; i++) {
      nll[i] = dataNll(lengths[i]);
      gap[i] = lang.states() * Math.pow(support, lengths[i]) <= MAX_ENUMERATED ? gap(lengths[i]) : Double.NaN;
      lo[i] = gapLowerBound(lengths[i]);
      hi[i] = maxGap();
      valid[i] = validSampleFraction(lengths[i]);
    }
    return Table.create(String.format(Locale.ROOT, "p_M = %.2g·p + %.2g·noise on %s", weight, 1 - weight, lang.describe()),
        IntColumn.create("T", lengths), DoubleColumn.create("data_nll_nats", nll), DoubleColumn.create("gap_exact", gap),
        DoubleColumn.create("gap_lower_bound", lo), DoubleColumn.create("gap_max_ln_1_over_w", hi),
        DoubleColumn.create("valid_sample_fraction", valid));
  }

  private static void requireLength(int length) {
    if (length < 1) throw new IllegalArgumentException("sequence length must be at least 1, got " + length);
  }
}
