package org.scalinglab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.scalinglab.data.Runs;
import org.scalinglab.fit.SyntheticRuns;
import org.scalinglab.fit.Approach1Fit;
import org.scalinglab.fit.Approach2Fit;
import org.scalinglab.fit.Approach2Result;
import org.scalinglab.law.ChinchillaLaw;

class FitChartsTest {
  @TempDir Path dir;

  @Test
  void everyFigureRendersToPng() throws Exception {
    ChinchillaLaw law = ChinchillaLaw.HOFFMANN_2022;
    double[] budgets = {1e18, 1e19, 1e20, 1e21};
    double[] centers = new double[budgets.length];
    for (int k = 0; k < budgets.length; k++) centers[k] = law.optimalParams(budgets[k]);
    Runs runs = SyntheticRuns.isoFlop(law, budgets, centers, 7, 5, 0.002, 1);
    Approach2Result a2 = Approach2Fit.builder().build().fit(runs);
    var curves = SyntheticRuns.curves(law, Charts.logSpace(1e7, 1e10, 6), 1e8, 1e12, 30, 0, 1);
    XYChart[] charts = {
        FitCharts.residuals("residuals", runs, law, new ChinchillaLaw(1.8, 400, 400, 0.34, 0.3)),
        FitCharts.predictedVsObserved("predicted", runs, law),
        FitCharts.isoFlopProfiles(a2),
        FitCharts.frontier("frontier", a2, 1e18, 1e24, law),
        FitCharts.envelope(curves, Approach1Fit.builder().gridPoints(50).build().fit(curves))};
    for (int i = 0; i < charts.length; i++) {
      Path png = Charts.savePng(charts[i], dir.resolve("c" + i + ".png"));
      assertTrue(Files.size(png) > 1000, png.toString());
    }
    assertEquals(budgets.length * 2 + 1, charts[2].getSeriesMap().size()); // points + parabola per profile, minima
  }
}
