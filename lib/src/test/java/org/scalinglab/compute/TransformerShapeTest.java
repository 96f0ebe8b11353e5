package org.scalinglab.compute;

import org.scalinglab.units.TrainingCompute;

import org.scalinglab.units.PfDays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TransformerShapeTest {

  @Test
  void handCountOfATinyModel() {
    // vocab 10, context 4, 2 layers, d_model 8, 2 heads, d_ff 32
    TransformerShape s = new TransformerShape(10, 4, 2, 8, 2, 32);
    // attention: Q, K, V, O are 8×8 each → 4·64 = 256 per layer, 512 for 2 layers
    assertEquals(512, s.attentionParams());
    // feed-forward: 8×32 + 32×8 = 512 per layer, 1024 for 2 layers
    assertEquals(1024, s.feedForwardParams());
    assertEquals(1536, s.nonEmbeddingParams());
    assertEquals(12.0 * 2 * 8 * 8, s.twelveLayerDSquared()); // d_ff = 4·d_model → exact
    // token embedding 10×8 + positions 4×8
    assertEquals(112, s.embeddingParams());
    assertEquals(1648, s.totalParams());
    // forward: 2N + 2·n_layer·n_ctx·d_attn = 3072 + 2·2·4·8 = 3200 per token; training 3×
    assertEquals(3200, s.flopsPerTokenForward());
    assertEquals(9600, s.flopsPerTokenTraining());
    assertEquals(6 * 1536, s.flopsPerTokenSixN());
    assertEquals(9600 * 1000.0, s.trainingFlops(1000));
    assertEquals(4, s.dHead());
    assertEquals(4.0, s.aspectRatio());
  }

  @Test
  void gpt3From175BShape() {
    TransformerShape g = TransformerShape.GPT3_175B;
    assertEquals(12L * 96 * 12288 * 12288, g.nonEmbeddingParams());
    assertEquals(173.95e9, g.nonEmbeddingParams(), 0.01e9);
    assertEquals((50257L + 2048) * 12288, g.embeddingParams());
    assertEquals(174.6e9, g.totalParams(), 0.05e9);
    // attention-over-context term is ~1.4% of 6N at n_ctx = 2048
    double share = 3 * g.attentionContextFlopsPerToken() / g.flopsPerTokenSixN();
    assertEquals(2048.0 / (12 * 12288) * 6 / 6, share, 1e-12);
    // 300B tokens at 6·N_total ≈ 3.14e23 FLOPs ≈ 3,640 PF-days (Brown et al. 2020, Table D.1)
    double flops = TrainingCompute.flops(g.totalParams(), 300e9);
    assertEquals(3.14e23, flops, 0.01e23);
    assertEquals(3640, PfDays.fromFlops(flops), 10);
  }

  @Test
  void standardShapeHasFourTimesWideFeedForward() {
    assertEquals(4 * 512, TransformerShape.standard(256, 128, 4, 512, 8).dFf());
  }

  @Test
  void rejectsBadShapes() {
    assertThrows(IllegalArgumentException.class, () -> new TransformerShape(0, 4, 2, 8, 2, 32));
    assertThrows(IllegalArgumentException.class, () -> new TransformerShape(10, 4, 2, 8, 3, 32));
    assertThrows(IllegalArgumentException.class, () -> TransformerShape.GPT3_175B.trainingFlops(-1));
  }
}
