package org.scalinglab.compute;

import org.scalinglab.util.Checks;

/**
 * The shape of a decoder-only transformer and what it costs, following Kaplan et al. 2020
 * (arXiv:2001.08361), Section 2.1 and Table 1. With d_attn = d_model (as there):
 * <ul>
 *   <li>non-embedding parameters N = 2·d_model·n_layer·(2·d_attn + d_ff) — the attention
 *       projections (Q, K, V, output: 4·d_model·d_attn per layer) plus the feed-forward block
 *       (2·d_model·d_ff per layer); biases and layer norms are left out, as in the paper;</li>
 *   <li>with the standard d_ff = 4·d_model this is the 12·n_layer·d_model² convention (Eq. 2.1);</li>
 *   <li>embedding parameters (n_vocab + n_ctx)·d_model (token and learned position embeddings);</li>
 *   <li>forward FLOPs per token C_forward = 2N + 2·n_layer·n_ctx·d_attn (Eq. 2.2; the second term
 *       is the attention over the context), and training costs 3× that (backward ≈ 2× forward), so
 *       ≈ 6N per token when d_model ≫ n_ctx/12 (Section 2.1).</li>
 * </ul>
 *
 * @param vocab n_vocab, vocabulary size
 * @param context n_ctx, context length in tokens
 * @param layers n_layer
 * @param dModel d_model, residual stream width
 * @param heads number of attention heads (does not change the counts: d_attn is split across heads)
 * @param dFf d_ff, feed-forward hidden width
 */
public record TransformerShape(int vocab, int context, int layers, int dModel, int heads, int dFf) {

  /**
   * GPT-3 175B (Brown et al. 2020, "Language Models are Few-Shot Learners", arXiv:2005.14165,
   * Table 2.1 and Section 2.1): 96 layers, d_model = 12288, 96 heads (d_head = 128),
   * d_ff = 4·d_model, context 2048, GPT-2's byte-pair vocabulary of 50,257 tokens.
   */
  public static final TransformerShape GPT3_175B = new TransformerShape(50257, 2048, 96, 12288, 96, 4 * 12288);

  public TransformerShape {
    Checks.positive("vocab", vocab);
    Checks.positive("context", context);
    Checks.positive("layers", layers);
    Checks.positive("dModel", dModel);
    Checks.positive("heads", heads);
    Checks.positive("dFf", dFf);
    if (dModel % heads != 0) {
      throw new IllegalArgumentException("dModel (" + dModel + ") must be divisible by heads (" + heads + ")");
    }
  }

  /** A shape with the standard feed-forward width d_ff = 4·d_model. */
  public static TransformerShape standard(int vocab, int context, int layers, int dModel, int heads) {
    return new TransformerShape(vocab, context, layers, dModel, heads, 4 * dModel);
  }

  /** d_attn, the total width of the attention heads; equal to d_model here (Kaplan et al. Table 1). */
  public int dAttn() {
    return dModel;
  }

  /** d_model / heads. */
  public int dHead() {
    return dModel / heads;
  }

  /** Aspect ratio d_model / n_layer (Kaplan et al. 2020, Figure 5: flat loss for 20–100 or so). */
  public double aspectRatio() {
    return (double) dModel / layers;
  }

  /** Q, K, V and output projections: 4·n_layer·d_model·d_attn (Table 1). */
  public long attentionParams() {
    return 4L * layers * dModel * dAttn();
  }

  /** The two feed-forward matrices: 2·n_layer·d_model·d_ff (Table 1). */
  public long feedForwardParams() {
    return 2L * layers * dModel * dFf;
  }

  /** N = 2·d_model·n_layer·(2·d_attn + d_ff), without biases and layer norms (Eq. 2.1). */
  public long nonEmbeddingParams() {
    return attentionParams() + feedForwardParams();
  }

  /** Token embedding n_vocab·d_model plus learned positions n_ctx·d_model (Table 1). */
  public long embeddingParams() {
    return ((long) vocab + context) * dModel;
  }

  /** Non-embedding plus embedding parameters (unembedding tied to the embedding). */
  public long totalParams() {
    return nonEmbeddingParams() + embeddingParams();
  }

  /** The 12·n_layer·d_model² approximation of N (exact when d_ff = 4·d_model, Eq. 2.1). */
  public double twelveLayerDSquared() {
    return 12.0 * layers * (double) dModel * dModel;
  }

  /** The attention-over-context term of the forward pass: 2·n_layer·n_ctx·d_attn per token (Table 1). */
  public double attentionContextFlopsPerToken() {
    return 2.0 * layers * (double) context * dAttn();
  }

  /** C_forward = 2N + 2·n_layer·n_ctx·d_attn FLOPs per token (Kaplan et al. Eq. 2.2). */
  public double flopsPerTokenForward() {
    return 2.0 * nonEmbeddingParams() + attentionContextFlopsPerToken();
  }

  /** Training FLOPs per token, 3·C_forward (forward + backward ≈ 2× forward; Section 2.1). */
  public double flopsPerTokenTraining() {
    return 3.0 * flopsPerTokenForward();
  }

  /** The 6N rule: 6·N training FLOPs per token (Kaplan et al. 2020, Section 2.1). */
  public double flopsPerTokenSixN() {
    return 6.0 * nonEmbeddingParams();
  }

  /** Training FLOPs for the given number of tokens, counting the attention term. */
  public double trainingFlops(double tokens) {
    if (!(tokens > 0) || Double.isInfinite(tokens)) {
      throw new IllegalArgumentException("tokens must be a positive finite number, got " + tokens);
    }
    return flopsPerTokenTraining() * tokens;
  }

}
