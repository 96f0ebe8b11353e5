package org.scalinglab.train;

import org.scalinglab.util.SeedMix;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * A synthetic language whose entropy rate is known exactly: a sparse order-k Markov source over V
 * tokens. Each state (the last k tokens, V^k states) can be followed by only {@code support}
 * distinct tokens, chosen at random, with Zipf-like probabilities p_i ∝ 1/(i+1)^s (Zipf 1949 —
 * natural-language frequencies fall off roughly so).
 *
 * <p>The stationary distribution π over states is computed by power iteration; the entropy rate
 * (Cover &amp; Thomas 2006, Theorem 4.2.4) is then exact:
 * <pre>  H = Σ_s π(s) · H(next | s),   H(next | s) = −Σ_x p(x|s) ln p(x|s)   (nats per token)</pre>
 * and the cross-entropy of any model q(x|s) is exactly
 * <pre>  CE(q) = Σ_s π(s) Σ_x p(x|s)(−ln q(x|s)) = H + Σ_s π(s) KL(p(·|s) ‖ q(·|s)) ≥ H.</pre>
 * Sequences start in a state drawn from π, so every window is a stationary sample and no model
 * can beat H on average once it has seen k tokens of context; {@link #bestWindowLoss} is the exact
 * floor for a whole training window.
 */
public final class MarkovLanguage implements TokenSource {
  private static final long EVAL_SALT = 0x5EEDE7A1L;

  private final int vocab, order, support;
  private final double zipf;
  private final long seed;
  private final int states;
  private final int[][] next;       // next[s][i]: i-th possible token after state s
  private final double[][] prob;    // prob[s][i]: its probability
  private final double[] stationary;
  private final double[] cumulativeStationary;

  /**
   * @param vocab tokens V (≥ 2)
   * @param order k (≥ 1); V^k must stay ≤ 2^22 states
   * @param support possible next tokens per state (2 ≤ support ≤ V)
   * @param zipf exponent s of the next-token probabilities (≥ 0; 0 is uniform over the support)
   * @param seed chooses the transition table
   */
  public MarkovLanguage(int vocab, int order, int support, double zipf, long seed) {
    if (vocab < 2) throw new IllegalArgumentException("vocab must be ≥ 2, got " + vocab);
    if (order < 1) throw new IllegalArgumentException("order must be ≥ 1, got " + order);
    if (support < 2 || support > vocab) throw new IllegalArgumentException("support must be in [2, vocab], got " + support);
    if (!(zipf >= 0)) throw new IllegalArgumentException("zipf exponent must be ≥ 0, got " + zipf);
    double s = Math.pow(vocab, order);
    if (s > (1 << 22)) throw new IllegalArgumentException("vocab^order = " + (long) s + " states is too many (max 4194304)");
    this.vocab = vocab;
    this.order = order;
    this.support = support;
    this.zipf = zipf;
    this.seed = seed;
    this.states = (int) s;
    this.next = new int[states][support];
    this.prob = new double[states][support];
    SplittableRandom rng = new SplittableRandom(seed);
    double[] w = new double[support];
    double z = 0;
    for (int i = 0; i < support; i++) z += w[i] = 1 / Math.pow(i + 1, zipf);
    int[] perm = new int[vocab];
    for (int st = 0; st < states; st++) {
      for (int i = 0; i < vocab; i++) perm[i] = i;
      for (int i = 0; i < support; i++) { // partial Fisher–Yates: `support` distinct tokens
        int j = i + rng.nextInt(vocab - i);
        int t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
        next[st][i] = perm[i];
        prob[st][i] = w[i] / z;
      }
    }
    this.stationary = stationaryDistribution();
    this.cumulativeStationary = new double[states];
    double c = 0;
    for (int st = 0; st < states; st++) cumulativeStationary[st] = c += stationary[st];
  }

  /** The default language of the sweeps: V = 32, order 2 (1024 states), 6 successors, Zipf 1.2. */
  public static MarkovLanguage standard(long seed) {
    return new MarkovLanguage(32, 2, 6, 1.2, seed);
  }

  private int successor(int state, int token) {
    return (int) ((state * (long) vocab + token) % states);
  }

  private double[] stationaryDistribution() {
    double[] pi = new double[states], nxt = new double[states];
    Arrays.fill(pi, 1.0 / states);
    for (int it = 0; it < 100_000; it++) {
      Arrays.fill(nxt, 0);
      for (int st = 0; st < states; st++) {
        if (pi[st] == 0) continue;
        for (int i = 0; i < support; i++) nxt[successor(st, next[st][i])] += pi[st] * prob[st][i];
      }
      // average with the previous iterate (a lazy chain: same stationary law, no periodic cycling)
      double diff = 0;
      for (int st = 0; st < states; st++) {
        double v = 0.5 * (pi[st] + nxt[st]);
        diff += Math.abs(v - pi[st]);
        pi[st] = v;
      }
      if (diff < 1e-14) break;
    }
    double sum = 0;
    for (double v : pi) sum += v;
    for (int st = 0; st < states; st++) pi[st] /= sum;
    return pi;
  }

  @Override public int vocab() { return vocab; }

  public int order() { return order; }

  public int states() { return states; }

  /** π(s) for state s (the last k tokens read as a base-V number, oldest first). */
  public double stationary(int state) { return stationary[state]; }

  /** p(x | s), zero outside the state's support. */
  public double probability(int state, int token) {
    for (int i = 0; i < support; i++) if (next[state][i] == token) return prob[state][i];
    return 0;
  }

  /** The exact entropy rate H in nats per token. */
  public double entropyRate() {
    double h = 0;
    for (int st = 0; st < states; st++) {
      double hs = 0;
      for (int i = 0; i < support; i++) hs -= prob[st][i] * Math.log(prob[st][i]);
      h += stationary[st] * hs;
    }
    return h;
  }

  /**
   * The exact cross-entropy (nats per token) of a model that predicts the next token from the
   * state alone: {@code model.apply(s)} returns q(·|s) over the vocabulary. Equals H + E_π[KL].
   */
  public double crossEntropy(IntFunction<double[]> model) {
    double ce = 0;
    for (int st = 0; st < states; st++) {
      if (stationary[st] == 0) continue;
      double[] q = model.apply(st);
      double c = 0;
      for (int i = 0; i < support; i++) c -= prob[st][i] * Math.log(q[next[st][i]]);
      ce += stationary[st] * c;
    }
    return ce;
  }

  /** The exact mean KL divergence E_π[KL(p(·|s) ‖ q(·|s))] of a state-conditional model. */
  public double klDivergence(IntFunction<double[]> model) {
    double kl = 0; // computed directly, so CE = H + KL is a check, not a definition
    for (int st = 0; st < states; st++) {
      if (stationary[st] == 0) continue;
      double[] q = model.apply(st);
      double k = 0;
      for (int i = 0; i < support; i++) k += prob[st][i] * Math.log(prob[st][i] / q[next[st][i]]);
      kl += stationary[st] * k;
    }
    return kl;
  }

  /** The true model itself, as a state-conditional distribution. */
  public double[] trueDistribution(int state) {
    double[] q = new double[vocab];
    for (int i = 0; i < support; i++) q[next[state][i]] = prob[state][i];
    return q;
  }

  /**
   * The best achievable mean loss over a training window of {@code context} predictions. The
   * window's first input is the newest token of the start state, so prediction j (0-based) sees
   * only the newest j+1 state tokens while j &lt; k−1; its best loss is the exact conditional
   * entropy H(next | newest j+1 tokens) under π. From prediction k−1 on, the whole state is in
   * view and the best loss is H. Returns the window average, which is ≥ H.
   */
  public double bestWindowLoss(int context) {
    double h = entropyRate(), total = 0;
    for (int j = 0; j < context; j++) total += j >= order - 1 ? h : partialContextEntropy(j + 1);
    return total / context;
  }

  /**
   * The best achievable loss of prediction {@code position} (0-based) in a window: the exact
   * conditional entropy given the newest {@code position + 1} tokens while that is less than the
   * order k, and the entropy rate H from then on (see {@link #bestWindowLoss}).
   */
  public double bestLossAtPosition(int position) {
    if (position < 0) throw new IllegalArgumentException("position must be ≥ 0, got " + position);
    return position >= order - 1 ? entropyRate() : partialContextEntropy(position + 1);
  }

  /** H(next token | newest m tokens of the state), exact, for 1 ≤ m ≤ k. */
  public double partialContextEntropy(int m) {
    int groups = (int) Math.pow(vocab, m);
    double[][] joint = new double[groups][vocab];
    for (int st = 0; st < states; st++) {
      int g = st % groups; // the newest m tokens are the low base-V digits
      for (int i = 0; i < support; i++) joint[g][next[st][i]] += stationary[st] * prob[st][i];
    }
    double hsum = 0;
    for (double[] row : joint) {
      double pg = 0;
      for (double v : row) pg += v;
      for (double v : row) if (v > 0) hsum -= v * Math.log(v / pg);
    }
    return hsum;
  }

  @Override
  public void trainBatch(long runSeed, long step, int batch, int context, int[] inputs, int[] targets) {
    fill(new SplittableRandom(SeedMix.mix(runSeed, step)), batch, context, inputs, targets);
  }

  @Override
  public void evalBatch(long runSeed, int index, int batch, int context, int[] inputs, int[] targets) {
    fill(new SplittableRandom(SeedMix.mix(runSeed ^ EVAL_SALT, index)), batch, context, inputs, targets);
  }

  /**
   * Each sequence: a start state drawn from π (its k tokens), then {@code context} sampled tokens;
   * inputs are the sequence from the newest state token on, targets the same shifted by one.
   */
  private void fill(SplittableRandom rng, int batch, int context, int[] inputs, int[] targets) {
    int[] seq = new int[order + context];
    for (int b = 0; b < batch; b++) {
      double u = rng.nextDouble();
      int st = Arrays.binarySearch(cumulativeStationary, u);
      if (st < 0) st = -st - 1;
      if (st >= states) st = states - 1;
      int rest = st;
      for (int i = order - 1; i >= 0; i--) {
        seq[i] = rest % vocab;
        rest /= vocab;
      }
      for (int t = 0; t < context; t++) {
        double r = rng.nextDouble(), c = 0;
        int tok = next[st][support - 1];
        for (int i = 0; i < support; i++) {
          c += prob[st][i];
          if (r < c) {
            tok = next[st][i];
            break;
          }
        }
        seq[order + t] = tok;
        st = successor(st, tok);
      }
      // inputs: seq[order-1 .. order-1+context), targets: seq[order .. order+context)
      for (int t = 0; t < context; t++) {
        inputs[b * context + t] = seq[order - 1 + t];
        targets[b * context + t] = seq[order + t];
      }
    }
  }

  @Override
  public String describe() {
    return String.format(java.util.Locale.ROOT, "markov(V=%d, order=%d, support=%d, zipf=%.2f, seed=%d)",
        vocab, order, support, zipf, seed);
  }
}
