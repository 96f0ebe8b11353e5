package org.scalinglab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalinglab.error.BadInputException;

class TextCorpusTest {
  @Test
  void kingJamesBibleShipsInDataWithoutTheBibleProgram() {
    TextCorpus kjv = TextCorpus.kingJamesBible();
    // the output of `bible "Gen1:1-Rev22:21"` (Debian bible-kjv 4.38): 4,298,239 bytes
    assertEquals(4_298_239, kjv.trainBytes() + kjv.validationBytes());
    assertTrue(kjv.head(80).contains("In the beginning God created the heaven and the earth."), kjv.head(80));
    assertEquals("text(kjv, 4298239 bytes)", kjv.describe());
    // notebook 06's bound: English letters and spaces, about 2.9 nats per byte
    double h = kjv.unigramEntropy();
    assertTrue(h > 2.5 && h < 3.2, "unigram entropy " + h);
  }

  @Test
  void readsGzipAndPlainFilesAlike(@TempDir Path dir) throws Exception {
    String text = "the quick brown fox jumps over the lazy dog. ".repeat(50);
    Path plain = dir.resolve("t.txt");
    Files.writeString(plain, text);
    Path gz = dir.resolve("t.txt.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    assertEquals(TextCorpus.fromFile(plain).unigramEntropy(), TextCorpus.fromFile(gz).unigramEntropy(), 0.0);
    assertEquals(text.substring(0, 20), TextCorpus.fromFile(gz).head(20));
  }

  @Test
  void aMissingOrBrokenFileIsOneClearLine(@TempDir Path dir) throws Exception {
    BadInputException missing = assertThrows(BadInputException.class, () -> TextCorpus.fromFile(dir.resolve("kjv.txt.gz")));
    assertTrue(missing.getMessage().contains("no such data file"), missing.getMessage());
    Path broken = dir.resolve("broken.txt.gz");
    Files.writeString(broken, "not gzip at all");
    BadInputException bad = assertThrows(BadInputException.class, () -> TextCorpus.fromFile(broken));
    assertTrue(bad.getMessage().startsWith(broken + ": cannot read data file"), bad.getMessage());
    assertFalse(bad.getMessage().contains("\n"), bad.getMessage());
  }
}
