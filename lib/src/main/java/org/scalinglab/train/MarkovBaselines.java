package org.scalinglab.train;

import java.util.Arrays;
import java.util.function.IntFunction;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Simple predictors of a {@link MarkovLanguage} whose cross-entropy is computed exactly — not
 * estimated from samples — so the identity CE = H + KL can be checked to machine precision:
 * guessing uniformly, the stationary unigram law, a bigram model counted from a finite sample (with
 * add-one smoothing, Laplace's rule of succession), and the true model.
 */
public final class MarkovBaselines {
  private MarkovBaselines() {}

  /** q(x | s) = 1/V. */
  public static IntFunction<double[]> uniform(MarkovLanguage lang) {
    double[] q = new double[lang.vocab()];
    Arrays.fill(q, 1.0 / lang.vocab());
    return s -> q;
  }

  /** q(x | s) = the stationary frequency of x (ignores the context). */
  public static IntFunction<double[]> unigram(MarkovLanguage lang) {
    double[] q = new double[lang.vocab()];
    for (int s = 0; s < lang.states(); s++) {
      for (int x = 0; x < lang.vocab(); x++) q[x] += lang.stationary(s) * lang.probability(s, x);
    }
    return s -> q;
  }

  /**
   * q(x | s) = (count(last token of s, x) + 1) / (count(last token of s) + V), counted over
   * {@code tokens} training tokens drawn with {@code seed}: a model that sees one token of context
   * and a finite amount of data.
   */
  public static IntFunction<double[]> bigramFromSample(MarkovLanguage lang, int tokens, long seed) {
    int v = lang.vocab(), t = 64, b = Math.max(1, tokens / t);
    double[][] counts = new double[v][v];
    int[] in = new int[b * t], tg = new int[b * t];
    lang.trainBatch(seed, 0, b, t, in, tg);
    for (int i = 0; i < in.length; i++) counts[in[i]][tg[i]]++;
    double[][] q = new double[v][v];
    for (int a = 0; a < v; a++) {
      double n = 0;
      for (double c : counts[a]) n += c;
      for (int x = 0; x < v; x++) q[a][x] = (counts[a][x] + 1) / (n + v);
    }
    return s -> q[s % v];
  }

  /** The table of lecture 06: model, exact cross-entropy, exact KL, and CE − (H + KL) (≈ 0). */
  public static Table table(MarkovLanguage lang, int sampleTokens, long seed) {
    String[] names = {"uniform", "unigram", "bigram from " + sampleTokens + " tokens", "true model"};
    @SuppressWarnings("unchecked")
    IntFunction<double[]>[] models = new IntFunction[] {uniform(lang), unigram(lang), bigramFromSample(lang, sampleTokens, seed), (IntFunction<double[]>) lang::trueDistribution};
    double h = lang.entropyRate();
    double[] ce = new double[4], kl = new double[4], gap = new double[4];
    for (int i = 0; i < 4; i++) {
      ce[i] = lang.crossEntropy(models[i]);
      kl[i] = lang.klDivergence(models[i]);
      gap[i] = ce[i] - (h + kl[i]);
    }
    return Table.create("cross-entropy = H + KL (H = " + String.format(java.util.Locale.ROOT, "%.4f", h) + " nats/token)",
        StringColumn.create("model", names), DoubleColumn.create("cross_entropy", ce), DoubleColumn.create("KL", kl),
        DoubleColumn.create("CE_minus_H_minus_KL", gap));
  }
}
