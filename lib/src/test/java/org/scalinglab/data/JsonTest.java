package org.scalinglab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  record Sample(String id, double mfu, double loss, List<Double> curve) {}

  @Test
  void nonFiniteNumbersBecomeNullWithTheirReason() {
    String s = Json.object().put("E", 1.69).put("N_opt", Double.NaN, "α ≤ 0: no compute-optimal size")
        .put("ratio", Double.POSITIVE_INFINITY).put("runs", 12L).put("ok", true).toString();
    assertEquals("{\"E\":1.69,\"N_opt\":null,\"ratio\":null,\"runs\":12,\"ok\":true,"
        + "\"nulls\":{\"N_opt\":\"α ≤ 0: no compute-optimal size\",\"ratio\":\"+Infinity (not a finite number)\"}}", s);
    Json.parse(s); // valid JSON
  }

  @Test
  void recordsAndMapsAreWrittenValidAndReadBackWithNaN() {
    Sample r = new Sample("run-1", Double.NaN, 3.1, List.of(4.0, Double.NaN));
    String text = Json.toPrettyJson(r);
    assertTrue(!text.contains("NaN\n") && !text.contains(": NaN"), text);
    var tree = Json.parseObject(text);
    assertTrue(tree.get("mfu").isJsonNull());
    assertEquals("NaN (no value)", tree.getAsJsonObject("nulls").get("mfu").getAsString());
    assertEquals("NaN (no value)", tree.getAsJsonObject("nulls").get("curve[1]").getAsString());
    Sample back = Json.fromJson(text, Sample.class);
    assertTrue(Double.isNaN(back.mfu()));
    assertEquals(3.1, back.loss());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("holdout_measured", Double.NaN);
    assertEquals("{\"holdout_measured\":null,\"nulls\":{\"holdout_measured\":\"NaN (no value)\"}}", Json.toJson(m));
  }

  @Test
  void olderLedgersWithBareNaNStillRead() {
    Sample back = Json.fromJson("{\"id\":\"a\",\"mfu\":NaN,\"loss\":2.0,\"curve\":[]}", Sample.class);
    assertTrue(Double.isNaN(back.mfu()));
  }
}
