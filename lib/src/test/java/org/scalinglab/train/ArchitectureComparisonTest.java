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
    assertEquals(LstmConfig.matching(t, 1), c.lstm());
    assertEquals(c.transformerRun().tokens(), c.lstmRun().tokens());
    assertEquals(c.transformerRun().finalEvalLoss() - c.lstmRun().finalEvalLoss(), c.lossDifference(), 0);
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
