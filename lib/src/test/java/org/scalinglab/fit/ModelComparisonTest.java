package org.scalinglab.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.scalinglab.data.ModelsTable;
import org.scalinglab.law.ChinchillaLaw;
import org.scalinglab.law.TokensPerParamRule;
import tech.tablesaw.api.Table;

class ModelComparisonTest {
  private static final ModelsTable MODELS = ModelsTable.load();
  private static final TokensPerParamRule RULE = TokensPerParamRule.CHINCHILLA_20;

  @Test
  void verdictsAgainstTwentyTokensPerParameter() {
    assertEquals("under-trained", ModelComparison.verdict(MODELS.get("GPT-3"), RULE));
    assertEquals("near optimal", ModelComparison.verdict(MODELS.get("Chinchilla"), RULE));
    assertEquals(3.42, ModelComparison.paramsOverOptimal(MODELS.get("GPT-3"), RULE), 0.005);
    assertEquals(4.32, ModelComparison.paramsOverOptimal(MODELS.get("Gopher"), RULE), 0.005);
    assertEquals("over-trained", ModelComparison.verdict(0.6));
    assertEquals("near optimal", ModelComparison.verdict(1.49));
  }

  @Test
  void tableRowsFollowTheModelsAndKeepFullPrecision() {
    Table v = ModelComparison.againstAllocation(MODELS, RULE);
    assertEquals(MODELS.size(), v.rowCount());
    for (int i = 0; i < MODELS.size(); i++) {
      ModelsTable.Model m = MODELS.models().get(i);
      assertEquals(m.name(), v.stringColumn("model").get(i));
      assertEquals(ModelComparison.verdict(m, RULE), v.stringColumn("verdict").get(i));
      assertEquals(ModelComparison.paramsOverOptimal(m, RULE), v.doubleColumn("N / N_opt").get(i), 0);
      assertEquals(RULE.optimalTokens(m.compute()) / 1e9, v.doubleColumn("D_opt (B)").get(i), 0);
    }
  }

  @Test
  void predictedLossIsTheLawsLoss() {
    Table t = ModelComparison.predictedLoss(MODELS, ChinchillaLaw.HOFFMANN_2022);
    int gopher = t.stringColumn("model").indexOf("Gopher");
    int chinchilla = t.stringColumn("model").indexOf("Chinchilla");
    assertEquals(1.993, t.doubleColumn("predicted loss").get(gopher), 1e-3);
    assertEquals(1.936, t.doubleColumn("predicted loss").get(chinchilla), 1e-3);
  }
}
