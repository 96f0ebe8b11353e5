package org.scalinglab.train;

/**
 * The shape of an LSTM language model (Hochreiter &amp; Schmidhuber 1997, with the forget gate of
 * Gers et al. 2000): a token embedding of width {@code hidden}, {@code layers} stacked LSTM layers
 * of {@code hidden} units (each layer's input is the layer below's output, the first layer's is the
 * embedding), and an output head tied to the token embedding (logits = h·W_teᵀ), as in the
 * transformer ({@link TransformerConfig}), so the two architectures count parameters the same way.
 * No position embedding: the recurrence carries position.
 *
 * @param vocab vocabulary size V
 * @param context context length T (tokens per training sequence; the state starts at zero for every sequence)
 * @param layers stacked LSTM layers
 * @param hidden hidden units H per layer (also the embedding width)
 */
public record LstmConfig(int vocab, int context, int layers, int hidden) {
  public LstmConfig {
    positive("vocab", vocab);
    positive("context", context);
    positive("layers", layers);
    positive("hidden", hidden);
  }

  /** Token embedding V·H (the tied head adds nothing). */
  public long embeddingParams() {
    return (long) vocab * hidden;
  }

  /**
   * Per layer: input weights H×4H, recurrent weights H×4H and gate biases 4H (four gates: input,
   * forget, cell candidate, output), so L·(8H² + 4H).
   */
  public long nonEmbeddingParams() {
    return layers * nonEmbeddingPerLayer(hidden);
  }

  private static long nonEmbeddingPerLayer(long h) {
    return 8 * h * h + 4 * h;
  }

  public long totalParams() {
    return embeddingParams() + nonEmbeddingParams();
  }

  /**
   * Forward FLOPs per token: the two gate products of every layer (x·W_x and h·W_h, H×4H each) at
   * 2 FLOPs per multiply-add, 16·L·H², plus the output head 2·H·V. The element-wise gate
   * non-linearities are not counted, as for the transformer ({@link TransformerConfig}) — the
   * convention of Kaplan et al. 2020, Section 2.1 (forward ≈ 2 FLOPs per parameter per token)
   * and Hoffmann et al. 2022, Appendix F (matmuls only).
   */
  public double forwardFlopsPerToken() {
    double h = hidden;
    return layers * 2 * (8 * h * h) + 2 * h * vocab;
  }

  /** Training FLOPs per token: forward + backward = 3 × forward (Kaplan et al. 2020, Section 2.1). */
  public double trainingFlopsPerToken() {
    return 3 * forwardFlopsPerToken();
  }

  /**
   * The LSTM of {@code layers} layers whose non-embedding parameter count is closest to the
   * transformer's (same vocabulary and context): the matched-size comparison of Kaplan et al.
   * 2020, Section 3.2.1 and Figure 7, which compares architectures at equal non-embedding N.
   * Solves L·(8H² + 4H) = N for H and takes the nearer of the two neighbouring integers.
   */
  public static LstmConfig matching(TransformerConfig t, int layers) {
    positive("layers", layers);
    double perLayer = (double) t.nonEmbeddingParams() / layers;
    double root = (-4 + Math.sqrt(16 + 32 * perLayer)) / 16;
    int lo = Math.max(1, (int) Math.floor(root)), hi = lo + 1;
    long target = t.nonEmbeddingParams();
    long nLo = layers * nonEmbeddingPerLayer(lo), nHi = layers * nonEmbeddingPerLayer(hi);
    int h = Math.abs(nLo - target) <= Math.abs(nHi - target) ? lo : hi;
    return new LstmConfig(t.vocab(), t.context(), layers, h);
  }

  /** A short name such as {@code L2-h79}. */
  public String name() {
    return "L" + layers + "-h" + hidden;
  }

  private static void positive(String what, int v) {
    if (v <= 0) throw new IllegalArgumentException(what + " must be a positive integer, got " + v);
  }
}
