package org.scalinglab.train;

import org.scalinglab.util.SeedMix;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A synthetic language with long-range structure whose best possible loss at every position of
 * the window is known in closed form: each sequence repeats its own beginning at doubling lags.
 * Token 0 is uniform over V tokens; token t ≥ 1 lies in block b = ⌊log₂ t⌋, and with probability
 * ρ_b it is a copy of token t − 2^b (block b repeats the sequence's first 2^b tokens), otherwise it
 * is drawn uniformly (the copy may coincide with the draw). So a model must recall a token 1, 2,
 * 4, …, 2^b positions back, and later blocks — which copy from further back — are made more
 * predictable (ρ_b grows with b): the information is there only for a model that keeps far
 * context, the situation of Kaplan et al. 2020, Figure 7 (right), where an LSTM's loss plateaus
 * after a short context while a transformer's keeps falling.
 *
 * <p>Given the whole past, the next token's law is exactly q = ρ_b·δ(x_{t−2^b}) + (1−ρ_b)/V, so
 * the floor at token t is the entropy of that law,
 * <pre>  h(ρ) = −(ρ + u) ln(ρ + u) − (V − 1) u ln u,   u = (1 − ρ)/V   (nats),</pre>
 * whatever the earlier tokens are (no model can do better on average: cross-entropy = entropy +
 * KL, Cover &amp; Thomas 2006, Section 2.3). A model that sees only the last k tokens can use the
 * copy source only where 2^b ≤ k; elsewhere its floor is ln V. Sequences are independent, and
 * every training window starts at a sequence's first token.
 */
public final class RecallLanguage implements TokenSource {
  private static final long EVAL_SALT = 0x7EC411L;

  private final int vocab;
  private final double[] copyProbability;

  /**
   * @param vocab tokens V (≥ 2)
   * @param copyProbability ρ_b for blocks b = 0, 1, … (each in [0, 1]); windows may reach block
   *     {@code copyProbability.length − 1}, i.e. contexts up to 2^length − 1 predictions
   */
  public RecallLanguage(int vocab, double... copyProbability) {
    if (vocab < 2) throw new IllegalArgumentException("vocab must be ≥ 2, got " + vocab);
    if (copyProbability.length == 0) throw new IllegalArgumentException("need at least one copy probability");
    for (double p : copyProbability) {
      if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("copy probabilities must be in [0, 1], got " + p);
    }
    this.vocab = vocab;
    this.copyProbability = copyProbability.clone();
  }

  /**
   * The language of notebook 09: V = 16, ρ_b = 1 − 0.6·0.75^b for b = 0…7 (0.40, 0.55, 0.66, …,
   * 0.92), so the floor falls from 2.21 nats (lag 1) to 0.56 nats (lag 128); contexts up to 255.
   */
  public static RecallLanguage standard() {
    double[] rho = new double[8];
    for (int b = 0; b < rho.length; b++) rho[b] = 1 - 0.6 * Math.pow(0.75, b);
    return new RecallLanguage(16, rho);
  }

  @Override
  public int vocab() {
    return vocab;
  }

  /** The longest context (predictions per window) the copy probabilities cover. */
  public int maxContext() {
    return (1 << copyProbability.length) - 1;
  }

  /** The block of token t ≥ 1: ⌊log₂ t⌋. */
  public static int block(int token) {
    if (token < 1) throw new IllegalArgumentException("token 0 has no block, got " + token);
    return 31 - Integer.numberOfLeadingZeros(token);
  }

  /** How far back token t ≥ 1 copies from: 2^⌊log₂ t⌋. */
  public static int lag(int token) {
    return Integer.highestOneBit(token);
  }

  public double copyProbability(int block) {
    return copyProbability[block];
  }

  /** h(ρ) in nats: the entropy of ρ·δ + (1−ρ)·uniform over V tokens. */
  public double copyEntropy(double rho) {
    double u = (1 - rho) / vocab, top = rho + u;
    double h = -top * Math.log(top);
    if (u > 0) h -= (vocab - 1) * u * Math.log(u);
    return h;
  }

  /**
   * The exact floor of prediction {@code position} (0 = the first prediction, which sees token 0
   * and predicts token 1), as in {@link Trainer#evaluateByPosition}.
   */
  public double bestLossAtPosition(int position) {
    int t = position + 1;
    checkToken(t);
    return copyEntropy(copyProbability[block(t)]);
  }

  /**
   * The floor of prediction {@code position} for a model that remembers only the last
   * {@code memory} tokens (it sees the copy source only when the lag is at most {@code memory}).
   */
  public double bestLossWithMemory(int position, int memory) {
    int t = position + 1;
    checkToken(t);
    return lag(t) <= memory ? copyEntropy(copyProbability[block(t)]) : Math.log(vocab);
  }

  /** Mean floor over a window of {@code context} predictions. */
  public double bestWindowLoss(int context) {
    double s = 0;
    for (int i = 0; i < context; i++) s += bestLossAtPosition(i);
    return s / context;
  }

  private void checkToken(int t) {
    if (t < 1 || t > maxContext()) {
      throw new IllegalArgumentException("position " + (t - 1) + " is outside this language's windows (0 to " + (maxContext() - 1) + ")");
    }
  }

  /** One sequence of {@code length} tokens. */
  public void sample(SplittableRandom rng, int[] out, int offset, int length) {
    if (length - 1 > maxContext()) throw new IllegalArgumentException("sequences of " + length + " tokens exceed this language's " + (maxContext() + 1));
    for (int t = 0; t < length; t++) {
      int draw = rng.nextInt(vocab);
      if (t > 0 && rng.nextDouble() < copyProbability[block(t)]) draw = out[offset + t - lag(t)];
      out[offset + t] = draw;
    }
  }

  @Override
  public void trainBatch(long seed, long step, int batch, int context, int[] inputs, int[] targets) {
    fill(new SplittableRandom(SeedMix.mix(seed, step)), batch, context, inputs, targets);
  }

  @Override
  public void evalBatch(long seed, int index, int batch, int context, int[] inputs, int[] targets) {
    fill(new SplittableRandom(SeedMix.mix(seed ^ EVAL_SALT, index)), batch, context, inputs, targets);
  }

  private void fill(SplittableRandom rng, int batch, int context, int[] inputs, int[] targets) {
    int[] seq = new int[context + 1];
    for (int b = 0; b < batch; b++) {
      sample(rng, seq, 0, context + 1);
      System.arraycopy(seq, 0, inputs, b * context, context);
      System.arraycopy(seq, 1, targets, b * context, context);
    }
  }

  @Override
  public String describe() {
    StringBuilder rho = new StringBuilder();
    for (double p : copyProbability) rho.append(rho.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.3f", p));
    return "recall V=" + vocab + " rho=" + rho;
  }

  @Override
  public String toString() {
    return describe() + " " + Arrays.toString(copyProbability);
  }
}
