package org.scalinglab.train;

/**
 * The shape of a decoder-only transformer language model (GPT-2 layout, Radford et al. 2019):
 * token and learned position embeddings, {@code layers} pre-LayerNorm blocks of causal multi-head
 * self-attention and a GELU MLP of width {@code dFf}, a final LayerNorm, and an output head
 * <em>tied</em> to the token embedding (logits = LN(x)·W_teᵀ, as in GPT-2), so the head adds no
 * parameters.
 *
 * @param vocab vocabulary size V
 * @param context context length T (tokens per training sequence)
 * @param layers number of blocks L
 * @param dModel residual width d
 * @param heads attention heads (d must be divisible by heads)
 * @param dFf MLP width (4d in GPT-2)
 */
public record TransformerConfig(int vocab, int context, int layers, int dModel, int heads, int dFf) {
  public TransformerConfig {
    positive("vocab", vocab);
    positive("context", context);
    positive("layers", layers);
    positive("d_model", dModel);
    positive("heads", heads);
    positive("d_ff", dFf);
    if (dModel % heads != 0) {
      throw new IllegalArgumentException("d_model " + dModel + " is not divisible by heads " + heads);
    }
  }

  /** GPT-2 proportions: d_ff = 4·d. */
  public static TransformerConfig of(int vocab, int context, int layers, int dModel, int heads) {
    return new TransformerConfig(vocab, context, layers, dModel, heads, 4 * dModel);
  }

  /**
   * The shape of {@code layers} blocks with d_ff = {@code ffRatio}·d whose non-embedding parameter
   * count is closest to {@code targetN}, with heads of size about 16 (at least one; the largest
   * count ≤ d/16 that divides d): the fixed-N shape grids of Kaplan et al. 2020, Figure 5.
   */
  public static TransformerConfig ofSize(int vocab, int context, int layers, int ffRatio, long targetN) {
    positive("layers", layers);
    positive("d_ff / d_model", ffRatio);
    if (targetN < 1) throw new IllegalArgumentException("target N must be ≥ 1, got " + targetN);
    TransformerConfig best = null;
    for (int d = 1; d <= 4096; d++) {
      int heads = Math.max(1, d / 16);
      while (d % heads != 0) heads--;
      TransformerConfig c = new TransformerConfig(vocab, context, layers, d, heads, ffRatio * d);
      if (best == null || Math.abs(c.nonEmbeddingParams() - targetN) < Math.abs(best.nonEmbeddingParams() - targetN)) best = c;
      if (c.nonEmbeddingParams() > targetN) break;
    }
    return best;
  }

  /** d_model / n_layer, the aspect ratio of Kaplan et al. 2020, Figure 5. */
  public double aspectRatio() {
    return (double) dModel / layers;
  }

  public int headSize() {
    return dModel / heads;
  }

  /** Token embedding V·d plus position embedding T·d (the tied head adds nothing). */
  public long embeddingParams() {
    return (long) vocab * dModel + (long) context * dModel;
  }

  /** Per block: two LayerNorms (4d), QKV (3d²+3d), attention output (d²+d), MLP (2·d·d_ff + d_ff + d); plus the final LayerNorm (2d). */
  public long nonEmbeddingParams() {
    long d = dModel, f = dFf;
    long block = 4 * d + (3 * d * d + 3 * d) + (d * d + d) + (d * f + f) + (f * d + d);
    return layers * block + 2 * d;
  }

  public long totalParams() {
    return embeddingParams() + nonEmbeddingParams();
  }

  /**
   * Forward matmul FLOPs per token, counted as in Hoffmann et al. 2022, Appendix F: the QKV,
   * attention-output and MLP projections (2 FLOPs per weight), the attention logits and the
   * softmax-weighted values (2·T·d each, over the full context as the engine computes them), and
   * the output head (2·d·V). Embedding lookups, norms and non-linearities are not counted.
   */
  public double forwardFlopsPerToken() {
    double d = dModel, f = dFf, t = context;
    double block = 2 * d * 3 * d + 2 * d * d + 2 * 2 * d * f + 2 * 2 * t * d;
    return layers * block + 2 * d * vocab;
  }

  /** Training FLOPs per token: forward + backward = 3 × forward (Kaplan et al. 2020, Section 2.1). */
  public double trainingFlopsPerToken() {
    return 3 * forwardFlopsPerToken();
  }

  /**
   * The same shape in the compute-accounting package, whose counts follow Kaplan et al. 2020
   * (Table 1: weights only, no biases or norms); this class counts every trained parameter.
   */
  public org.scalinglab.compute.TransformerShape shape() {
    return new org.scalinglab.compute.TransformerShape(vocab, context, layers, dModel, heads, dFf);
  }

  /** A short name such as {@code L2-d64-h4}. */
  public String name() {
    return "L" + layers + "-d" + dModel + "-h" + heads;
  }

  private static void positive(String what, int v) {
    if (v <= 0) throw new IllegalArgumentException(what + " must be a positive integer, got " + v);
  }
}
