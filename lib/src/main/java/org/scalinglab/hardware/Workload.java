package org.scalinglab.hardware;

/**
 * A computation reduced to what the roofline needs: FLOPs done and bytes moved to and from slow
 * memory. The factories count both for the products of lecture L4 and for the pieces of a
 * transformer; only matrix-multiply FLOPs are counted (2 per multiply-add), as in Kaplan et al. 2020
 * (Table 1) and Hoffmann et al. 2022 (Appendix F), and each byte count states what it assumes.
 *
 * @param name what it is
 * @param flops floating-point operations
 * @param bytes bytes read from and written to slow memory
 */
public record Workload(String name, double flops, double bytes) {
  public Workload {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("a workload needs a name");
    if (!(flops > 0) || Double.isInfinite(flops)) throw new IllegalArgumentException("FLOPs must be positive, got " + flops);
    if (!(bytes > 0) || Double.isInfinite(bytes)) throw new IllegalArgumentException("bytes must be positive, got " + bytes);
  }

  /** Arithmetic intensity: FLOPs per byte. */
  public double intensity() {
    return flops / bytes;
  }

  /** Naive n×n product: 2n³ FLOPs; reads 2n³ elements, writes n² ({@link MemoryTraffic}). Intensity → 1/(2·bytes per element). */
  public static Workload naiveMatmul(int n, int bytesPerElement) {
    return new Workload("matmul naive n=" + n, 2.0 * n * n * n,
        (MemoryTraffic.naiveReads(n) + MemoryTraffic.writes(n)) * positive(bytesPerElement));
  }

  /** T-tiled n×n product: reads 2n²⌈n/T⌉, writes n². Intensity ≈ T/(2·bytes per element). */
  public static Workload tiledMatmul(int n, int tile, int bytesPerElement) {
    return new Workload("matmul tiled n=" + n + " T=" + tile, 2.0 * n * n * n,
        (MemoryTraffic.tiledReads(n, tile) + MemoryTraffic.writes(n)) * positive(bytesPerElement));
  }

  /**
   * The best any n×n product can do: A and B read once, C written once (3n² elements) — what BLAS
   * approaches with its multi-level blocking. Intensity 2n/(3·bytes per element).
   */
  public static Workload idealMatmul(int n, int bytesPerElement) {
    return new Workload("matmul ideal n=" + n, 2.0 * n * n * n, MemoryTraffic.minimumTraffic(n) * positive(bytesPerElement));
  }

  /**
   * Attention of one head over a context of L tokens with head size d: S = QKᵀ (2L²d FLOPs) and
   * O = softmax(S)·V (2L²d FLOPs). <b>Unfused</b> (the score matrix goes through slow memory):
   * Q, K, V read and O written (4Ld elements), S written, read by the softmax, P written, P read
   * (4L² elements). <b>Fused</b> (FlashAttention, Dao et al. 2022): S and P stay in fast memory, so
   * only the 4Ld elements move (the re-reads of K and V per query block, Dao et al. Theorem 2, are
   * left out).
   */
  public static Workload attention(int context, int headSize, boolean fused, int bytesPerElement) {
    positive(context);
    positive(headSize);
    double l = context, d = headSize;
    double elements = 4 * l * d + (fused ? 0 : 4 * l * l);
    return new Workload("attention " + (fused ? "fused" : "unfused") + " L=" + context + " d_head=" + headSize,
        4 * l * l * d, elements * positive(bytesPerElement));
  }

  /**
   * One transformer block's forward pass (GPT-2 layout, d_ff = 4d) over a batch of B sequences of
   * L tokens. FLOPs: 24·d² per token for the QKV, output and MLP projections plus 4·L·d per token for
   * attention (Kaplan et al. 2020, Table 1: 2·N + 2·n_ctx·d per token per layer, N = 12d²).
   * Bytes: the 12d² weights read once; per token 34·d activation elements (projection inputs and
   * outputs 16d, two layer norms 4d, GELU 8d, two residual adds 6d); and the unfused attention's
   * score traffic 4·L² per head per sequence.
   */
  public static Workload transformerLayer(int dModel, int heads, int context, int batch, int bytesPerElement) {
    positive(dModel);
    positive(heads);
    positive(context);
    positive(batch);
    double d = dModel, l = context, tokens = (double) batch * context;
    double flops = tokens * (24 * d * d + 4 * l * d);
    double elements = 12 * d * d + tokens * 34 * d + (double) batch * heads * 4 * l * l;
    return new Workload("transformer layer d=" + dModel + " L=" + context + " batch=" + batch, flops, elements * positive(bytesPerElement));
  }

  /**
   * Generating one token with one transformer block (batch 1, a KV cache of L tokens): 24d² + 4Ld
   * FLOPs, but every weight (12d²) and the whole KV cache (2Ld) must be read for it — the reason
   * decoding is memory-bound.
   */
  public static Workload decodeStep(int dModel, int context, int bytesPerElement) {
    positive(dModel);
    positive(context);
    double d = dModel, l = context;
    return new Workload("decode 1 token d=" + dModel + " L=" + context, 24 * d * d + 4 * l * d,
        (12 * d * d + 2 * l * d + 34 * d) * positive(bytesPerElement));
  }

  private static int positive(int v) {
    if (v < 1) throw new IllegalArgumentException("sizes and bytes per element must be ≥ 1, got " + v);
    return v;
  }
}
