package org.scalinglab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchMatmulCommandTest {

  @Test
  void jsonHasOneRecordPerVariantAndSizeWithGflops() {
    CliRun r = CliRun.of("bench", "matmul", "--sizes", "32,48", "--repeats", "1", "--tile", "16", "--json");
    assertEquals(0, r.code(), r.err());
    assertTrue(!r.out().contains("NaN") && !r.out().contains("Infinity"), r.out());
    JsonObject root = JsonParser.parseString(r.out()).getAsJsonObject();
    JsonArray results = root.getAsJsonArray("results");
    assertEquals(10, results.size(), r.out());
    Set<String> seen = new HashSet<>();
    for (JsonElement e : results) {
      JsonObject o = e.getAsJsonObject();
      for (String key : new String[] {"variant", "n", "tile", "threads", "gflops", "seconds", "runs"}) assertTrue(o.has(key), key + " in " + o);
      assertTrue(o.get("gflops").getAsDouble() > 0, o.toString());
      seen.add(o.get("variant").getAsString() + "@" + o.get("n").getAsInt());
    }
    assertEquals(10, seen.size());
    assertTrue(seen.contains("naive@32") && seen.contains("openblas@48"), seen.toString());
    JsonObject machine = root.getAsJsonObject("machine");
    assertTrue(machine.get("peakGflops").getAsDouble() > 0);
    assertEquals(0, root.getAsJsonArray("capped").size());
  }

  @Test
  void textTableAndVariantChoice() {
    CliRun r = CliRun.of("bench", "matmul", "--sizes", "32", "--variants", "naive,tiled", "--repeats", "1");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("naive") && r.out().contains("tiled") && !r.out().contains("openblas  "), r.out());
    assertTrue(r.out().contains("load average"), r.out());
  }

  @Test
  void badInputExitsTwoWithOneLine() {
    for (String[] args : new String[][] {
        {"bench", "matmul", "--sizes", "0"},
        {"bench", "matmul", "--sizes", "abc"},
        {"bench", "matmul", "--variants", "fastest"},
        {"bench", "matmul", "--tile", "0"},
        {"bench", "matmul", "--repeats", "0"},
        {"bench", "matmul", "--max-seconds", "-1"},
        {"bench", "matmul", "--threads", "0"}}) {
      CliRun r = CliRun.of(args);
      assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
      assertTrue(r.err().startsWith("scalinglab: error: "), r.err());
      assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
    }
  }
}
