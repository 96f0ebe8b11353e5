package org.scalinglab.demo.shape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scalinglab.sweep.ArchitectureGrid;
import org.scalinglab.sweep.RunSpec;

class ModelShapeStudyTest {
  @Test
  void gridComparesMatchedSizesOnOneTokenBudget() {
    for (boolean ci : new boolean[] {true, false}) {
      ArchitectureGrid g = ModelShapeStudy.grid(ci);
      RunSpec t = g.plan().get(0), l = g.plan().get(1);
      assertTrue(!t.isLstm() && l.isLstm());
      assertEquals(1.0, (double) l.nonEmbeddingParams() / t.nonEmbeddingParams(), 0.03);
      for (RunSpec r : g.plan()) {
        assertEquals(t.tokens(), r.tokens(), 0, r.id());
        if (r.id().startsWith("ar-") || r.id().startsWith("ff-")) assertEquals(1.0, (double) r.nonEmbeddingParams() / t.nonEmbeddingParams(), 0.05, r.id());
      }
      assertTrue(g.positionBatches() > 0);
    }
  }

  @Test
  void blocksAverageThePositionsThatCopyFromOneLag() {
    double[] byPos = {1, 2, 2, 4, 4, 4, 4, 8};
    assertArrayEquals(new double[] {1, 2, 4, 8}, new ModelShapeStudy(true, null, null, java.util.List.of()).byBlock(byPos), 0);
    assertEquals(3, ModelShapeStudy.mean(new double[] {1, 3, 5}, 1, 2), 0);
  }
}
