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

class WordFrequenciesTest {
  @TempDir Path tmp;

  @Test
  void countsWordsCaseInsensitivelyAndRanksTiesAlphabetically() {
    WordFrequencies w = WordFrequencies.count("The LORD's house; the lord, 12 the end. And and");
    assertEquals("the", w.atRank(1).word());
    assertEquals(3, w.atRank(1).count());
    assertEquals("and", w.atRank(2).word());
    assertEquals(9, w.totalWords());
    assertTrue(w.entries().stream().anyMatch(e -> e.word().equals("lord's")));
    assertEquals(4, w.hapaxCount()); // lord's, house, lord, end
  }

  @Test
  void writeThenLoadRoundTrips() {
    WordFrequencies w = WordFrequencies.count("a a a b b c d d d d");
    WordFrequencies back = WordFrequencies.load(w.writeCsv(tmp.resolve("w.csv")));
    assertEquals(w.entries(), back.entries());
  }

  @Test
  void kingJamesBibleCounts() {
    WordFrequencies kjv = WordFrequencies.kingJamesBible();
    assertEquals(12762, kjv.size());
    assertEquals(789684, kjv.totalWords());
    assertEquals("the", kjv.atRank(1).word());
  }

  @Test
  void malformedTables() throws IOException {
    Path f = tmp.resolve("w.csv");
    Files.writeString(f, "rank,word,count\n1,the,10\n2,and,20\n");
    BadInputException e = assertThrows(BadInputException.class, () -> WordFrequencies.load(f));
    assertTrue(e.getMessage().contains("w.csv, row 3, column 'count'"), e.getMessage());
    Files.writeString(f, "rank,word,count\n1,the,10\n3,and,5\n");
    e = assertThrows(BadInputException.class, () -> WordFrequencies.load(f));
    assertTrue(e.getMessage().contains("row 3, column 'rank'"), e.getMessage());
  }
}
