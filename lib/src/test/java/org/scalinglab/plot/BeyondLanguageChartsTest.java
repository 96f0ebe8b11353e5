package org.scalinglab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalinglab.law.HenighanLaws;

class BeyondLanguageChartsTest {
  @Test
  void henighanFiguresRender(@TempDir Path dir) throws Exception {
    var reducible = BeyondLanguageCharts.reducibleLossVsCompute(HenighanLaws.GENERATIVE_DOMAINS, 1e-8, 1e3);
    assertEquals(HenighanLaws.GENERATIVE_DOMAINS.size(), reducible.getSeriesMap().size());
    var ratio = BeyondLanguageCharts.tokensPerParameterVsLanguage(HenighanLaws.PIXEL_IMAGES, 1e-4, 1e3);
    assertEquals(HenighanLaws.PIXEL_IMAGES.size() + 2, ratio.getSeriesMap().size()); // + the 10× and 20× lines
    assertTrue(Files.size(Charts.savePng(reducible, dir.resolve("a.png"))) > 1000);
    assertTrue(Files.size(Charts.savePng(ratio, dir.resolve("b.png"))) > 1000);
    var t = HenighanLaws.table(HenighanLaws.GENERATIVE_DOMAINS);
    assertEquals(HenighanLaws.GENERATIVE_DOMAINS.size(), t.rowCount());
    assertEquals(3.13, t.doubleColumn("L_inf (C law)").get(0), 1e-12);
  }
}
