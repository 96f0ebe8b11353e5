package org.scalinglab.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class LadderRoundsTest {

  @Test
  void medianOfPerRoundRatiosIgnoresABurstOfLoad() {
    // round 2 hit naive with a burst (10 s); the per-round ratios are 2, 20, 2, 2, 2 → median 2
    LadderRounds r = new LadderRounds(64, 16, 2, List.of(MatmulVariant.NAIVE, MatmulVariant.LOOP_ORDER),
        new double[][] {{1, 10, 1, 1.2, 0.8}, {0.5, 0.5, 0.5, 0.6, 0.4}});
    assertEquals(5, r.rounds());
    assertEquals(2, r.medianSpeedup(MatmulVariant.NAIVE, MatmulVariant.LOOP_ORDER), 1e-12);
    assertEquals(0.8, r.best(MatmulVariant.NAIVE).bestSeconds(), 0);
    assertEquals(0.4, r.best(MatmulVariant.LOOP_ORDER).bestSeconds(), 0);
    assertEquals(5, r.best().get(0).runs());
    assertThrows(IllegalArgumentException.class, () -> r.medianSpeedup(MatmulVariant.NAIVE, MatmulVariant.OPENBLAS));
    assertEquals(2.5, LadderRounds.median(new double[] {4, 1, 2, 3}), 0);
  }

  @Test
  void roundsTimesEveryVariantEveryRoundAndTheTableKeepsMeasuredRows() {
    try (MatmulBenchmark bench = MatmulBenchmark.builder().threads(2).tile(16).build()) {
      LadderRounds r = bench.rounds(List.of(MatmulVariant.LOOP_ORDER, MatmulVariant.TILED, MatmulVariant.TILED_PARALLEL), 48, 3);
      assertEquals(3, r.rounds());
      for (MatmulTiming t : r.best()) assertEquals(true, t.bestSeconds() > 0, t.toString());
      assertEquals(16, r.best(MatmulVariant.TILED).tile());
      assertEquals(2, r.best(MatmulVariant.TILED_PARALLEL).threads());
      var skipped = new MatmulTiming(MatmulVariant.NAIVE, 4096, 0, 1, Double.NaN, 0, "capped");
      var table = MatmulTiming.table("t", List.of(r.best().get(0), skipped), 1e12);
      assertEquals(1, table.rowCount());
      assertEquals(r.best().get(0).gflops() / 1e3, table.doubleColumn("of peak").get(0), 1e-12);
    }
  }
}
