package org.scalinglab.data;

import org.scalinglab.error.BadInputException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class ModelsTableTest {
  @TempDir Path tmp;

  @Test
  void committedTableLoadsWithTheLectureModels() {
    ModelsTable t = ModelsTable.load();
    assertEquals(8, t.size());
    for (String m : new String[] {"LaMDA", "GPT-3", "Jurassic-1", "Gopher", "MT-NLG 530B", "Chinchilla", "GPT-NeoX-20B", "PaLM"}) {
      assertTrue(t.get(m).source().length() > 10, m);
    }
    assertEquals(175e9, t.get("gpt-3").params());
    assertEquals(1.4e12, t.get("Chinchilla").tokens());
  }

  @Test
  void computeRelativeToGpt3MatchesLectureTwo() {
    ModelsTable t = ModelsTable.load();
    assertEquals(1.0, t.computeVsGpt3("GPT-3"), 1e-12);
    assertEquals(0.18, t.computeVsGpt3("GPT-NeoX-20B"), 0.005);
    assertEquals(1.6, t.computeVsGpt3("Gopher"), 0.005);
    assertEquals(2.7, t.computeVsGpt3("MT-NLG 530B"), 0.05);
    assertEquals(8.0, t.computeVsGpt3("PaLM"), 0.05);
    Table table = t.table();
    assertEquals(8, table.rowCount());
    // stored at full precision (only the printed form is rounded)
    assertEquals(t.computeVsGpt3("Gopher"), table.doubleColumn("compute vs GPT-3").get(3), 0);
    assertEquals(t.get("Gopher").tokensPerParam(), table.doubleColumn("tokens/param").get(3), 0);
    assertTrue(table.printAll().contains("1.6"), table.printAll());
  }

  @Test
  void malformedFilesNameFileRowAndColumn() throws IOException {
    assertMessage("model,params,tokens,year,source\nA,1e9,abc,2020,x\n", "bad.csv, row 2, column 'tokens': 'abc' is not a number");
    assertMessage("model,params,tokens,year,source\nA,1e9,1e10,2020,x\nB,-5,1e10,2021,y\n", "bad.csv, row 3, column 'params'");
    assertMessage("model,params,year,source\nA,1e9,2020,x\n", "bad.csv, row 1, column 'tokens': missing column");
    assertMessage("model,params,tokens,year,source\nA,1e9,1e10,2020,x\nA,2e9,1e10,2021,y\n", "row 3, column 'model': repeated");
    assertMessage("model,params,tokens,year,source\nA,1e9,1e10,20x0,x\n", "bad.csv, row 2, column 'year': '20x0' is not an integer");
    assertMessage("model,params,tokens,year,source\nA,,1e10,2020,x\n", "bad.csv, row 2, column 'params': empty cell");
  }

  @Test
  void unknownModelNamesTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelsTable.load().get("GPT-5"));
    assertTrue(e.getMessage().contains("Chinchilla"));
  }

  private void assertMessage(String csv, String expected) throws IOException {
    Path f = tmp.resolve("bad.csv");
    Files.writeString(f, csv);
    BadInputException e = assertThrows(BadInputException.class, () -> ModelsTable.load(f));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
