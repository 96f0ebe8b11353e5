package org.scalinglab.demo.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalinglab.sweep.ArchitectureGrid;
import org.scalinglab.sweep.RunSpec;
import org.scalinglab.train.CurvePoint;

class TrainingDynamicsStudyTest {
  @Test
  void gridVariesOneSeedAtATimeAndKeepsHeldOutBatches() {
    ArchitectureGrid g = TrainingDynamicsStudy.grid(true);
    int widths = TrainingDynamicsStudy.widths(true).length;
    assertEquals(widths * (2 * TrainingDynamicsStudy.SEEDS + TrainingDynamicsStudy.LEARNING_RATES.length) + TrainingDynamicsStudy.BATCHES.length, g.plan().size());
    long base = TrainingDynamicsStudy.settings().seed();
    for (RunSpec r : g.plan()) {
      var s = r.settingsOr(g.settings());
      assertEquals(base, s.seed(), r.id());
      if (r.id().startsWith("init")) {
        assertEquals(base, s.orderSeed());
        assertTrue(s.initSeed() != base);
      }
      if (r.id().startsWith("order")) {
        assertEquals(base, s.initSeed());
        assertTrue(s.orderSeed() != base);
      }
      if (r.id().startsWith("b")) assertEquals(1.0, s.minLrRatio()); // constant rate: steps-to-target do not depend on the run length
    }
  }

  @Test
  void stepsToReachInterpolatesInLogStepsAndIsNaNWhenNeverReached() {
    List<CurvePoint> c = List.of(new CurvePoint(10, 0, 0, 0, 2.0), new CurvePoint(40, 0, 0, 0, 1.0), new CurvePoint(80, 0, 0, 0, 0.9));
    assertEquals(20, CurveStats.stepsToReach(c, 1.5), 1e-9); // halfway in log steps between 10 and 40
    assertEquals(10, CurveStats.stepsToReach(c, 2.5), 0);
    assertTrue(Double.isNaN(CurveStats.stepsToReach(c, 0.5)));
  }
}
