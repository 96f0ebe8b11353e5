package org.scalinglab.plot;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalinglab.demo.doubledescent.DoubleDescent;
import org.scalinglab.demo.doubledescent.RandomFeatures;

class DoubleDescentChartsTest {
  @Test
  void everyFigureRenders(@TempDir Path dir) throws Exception {
    DoubleDescent dd = DoubleDescent.builder().trials(4).build();
    var mw = dd.modelWise(20, 50);
    var ridged = dd.withRidge(5).modelWise(20, 50);
    var rf = RandomFeatures.builder().build();
    int[] ps = {5, 20, 60};
    var charts = new org.knowm.xchart.XYChart[] {
        DoubleDescentCharts.modelWise(mw, dd, 20, 100),
        DoubleDescentCharts.sampleWise(dd.sampleWise(20, 50), dd, 20, 100),
        DoubleDescentCharts.ridge(mw, ridged, 5, 100),
        DoubleDescentCharts.singularValues(dd.smallestSingularValues(20, ps, 2)),
        DoubleDescentCharts.biasVariance(rf.biasVariance(20, ps, 3), 20),
        DoubleDescentCharts.riskCurve("random features", rf.modelWise(20, ps, 3), 100)};
    for (int i = 0; i < charts.length; i++) {
      Path png = Charts.savePng(charts[i], dir.resolve("c" + i + ".png"));
      assertTrue(Files.size(png) > 1000);
    }
  }
}
