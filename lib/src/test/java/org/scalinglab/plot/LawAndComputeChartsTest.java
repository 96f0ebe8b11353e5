package org.scalinglab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.scalinglab.data.ModelsTable;
import org.scalinglab.data.WordFrequencies;
import org.scalinglab.fit.PowerLawFit;
import org.scalinglab.law.ChinchillaLaw;
import org.scalinglab.law.CriticalBatchSize;
import org.scalinglab.law.KaplanAllocation;
import org.scalinglab.law.KaplanLaw;
import org.scalinglab.law.KaplanStepsLaw;
import org.scalinglab.law.PowerLaw;
import org.scalinglab.law.TokensPerParamRule;

class LawAndComputeChartsTest {

  @Test
  void everyFigureBuildsWithTheExpectedSeries() {
    assertEquals(4, LawCharts.powerLaws(0.076, 0.095, 0.5, 1).getSeriesMap().size());
    assertEquals(1, LawCharts.curve(new PowerLaw(1, 0.5), 1, 100, true).getSeriesMap().size());
    assertEquals(3, LawCharts.irreducible(ChinchillaLaw.HOFFMANN_2022.paramsCurve(), 1e6, 1e12).getSeriesMap().size());
    KaplanLaw k = KaplanLaw.KAPLAN_2020;
    assertEquals(1, LawCharts.kaplanParams(k).getSeriesMap().size());
    assertEquals(1, LawCharts.kaplanTokens(k).getSeriesMap().size());
    assertEquals(1, LawCharts.kaplanCompute().getSeriesMap().size());
    assertEquals(3, LawCharts.kaplanJoint(k, 1e6, 1e8, 1e10).getSeriesMap().size());
    assertEquals(2, LawCharts.sampleEfficiency(KaplanStepsLaw.KAPLAN_2020, 1e7, 1e9).getSeriesMap().size());
    assertEquals(1, LawCharts.criticalBatch(CriticalBatchSize.KAPLAN_2020).getSeriesMap().size());
    assertEquals(4, LawCharts.allocationGrowth(KaplanAllocation.KAPLAN_2020).getSeriesMap().size());
    assertEquals(1, LawCharts.kaplanOptimalSize(KaplanAllocation.KAPLAN_2020).getSeriesMap().size());
    double[] x = {1, 10, 100, 1000};
    double[] y = {1, 0.5, 0.25, 0.125};
    assertEquals(2, LawCharts.fit("t", x, y, PowerLawFit.fit(x, y)).getSeriesMap().size());
  }

  @Test
  void zipfAndModelFigures() {
    WordFrequencies w = WordFrequencies.count("a a a a b b c d e e e f");
    assertEquals(2, LawCharts.zipf(w, org.scalinglab.fit.PowerLawFit.zipf(w, 1, 4), 1, 4).getSeriesMap().size());
    ModelsTable models = ModelsTable.load();
    XYChart chart = ComputeCharts.modelsVsFrontier(models, TokensPerParamRule.CHINCHILLA_20, KaplanAllocation.KAPLAN_2020);
    assertEquals(2 + models.size(), chart.getSeriesMap().size());
    assertTrue(chart.getStyler().isXAxisLogarithmic());
    assertEquals(2, ComputeCharts.optimalParams(1e18, 1e24, TokensPerParamRule.CHINCHILLA_20, ChinchillaLaw.HOFFMANN_2022)
        .getSeriesMap().size());
    assertEquals(1, ComputeCharts.optimalTokens(1e18, 1e24, KaplanAllocation.KAPLAN_2020).getSeriesMap().size());
  }
}
