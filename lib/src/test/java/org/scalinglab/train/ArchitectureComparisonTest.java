package org.scalinglab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ArchitectureComparisonTest {
  @Test
  void trainsBothModelsAtMatchedSizeOnTheSameTokens() {
    TransformerConfig t = TransformerConfig.of(8, 8, 1, 16, 1);
    TrainSettings s = TrainSettings.defaults().withBatch(4).withThreads(1).withLearningRate(1e-2).withEval(2, 2);
    ArchitectureComparison c = ArchitectureComparison.run(t, 1, DataSpec.markov(), 2e3, s, 2);
    // matched size: the LSTM's non-embedding parameters within one hidden unit's worth of the transformer's
    long target = t.nonEmbeddingParams();
    assertEquals(target, c.lstm().nonEmbeddingParams(), 16.0 * c.lstm().hidden() + 8, "matched non-embedding size");
    assertEquals(1, c.lstm().layers());
    assertEquals(c.transformerRun().tokens(), c.lstmRun().tokens());
    assertTrue(Double.isFinite(c.lossDifference()));
    assertTrue(c.transformerRun().finalEvalLoss() < Math.log(8) && c.lstmRun().finalEvalLoss() < Math.log(8), "both learned something");
    assertEquals(8, c.transformerByPosition().length);
    assertEquals(2, c.table().rowCount());
    assertEquals(2, c.lossByPosition().size());
    assertTrue(c.lossByPosition().keySet().iterator().next().startsWith("transformer"));
  }

  @Test
  void lossesByPositionAverageToTheHeldOutLoss() {
    try (Lstm m = new Lstm(new LstmConfig(8, 8, 1, 6), 4, 3L, 1)) {
      double[] byPos = Trainer.evaluateByPosition(m, DataSpec.markov(), 1L, 3);
      assertEquals(Trainer.evaluate(m, DataSpec.markov(), 1L, 3), Arrays.stream(byPos).average().orElseThrow(), 1e-12);
    }
  }
}
