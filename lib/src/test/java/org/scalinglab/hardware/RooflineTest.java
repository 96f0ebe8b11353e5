package org.scalinglab.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scalinglab.compute.Accelerator;

class RooflineTest {

  @Test
  void ridgeAttainableAndBound() {
    Roofline r = new Roofline("toy", 100e9, 10e9);
    assertEquals(10, r.ridge(), 1e-12);
    assertEquals(50e9, r.attainable(5), 1);
    assertEquals(100e9, r.attainable(50), 1);
    assertEquals(Roofline.Bound.MEMORY, r.bound(9.99));
    assertEquals(Roofline.Bound.COMPUTE, r.bound(10));
    assertThrows(IllegalArgumentException.class, () -> r.attainable(0));
    assertThrows(IllegalArgumentException.class, () -> new Roofline("x", -1, 1));
    assertThrows(IllegalArgumentException.class, () -> new Roofline("x", 1, Double.NaN));
  }

  @Test
  void intensities() {
    // naive: 2n³ / (4·(2n³ + n²)) → 1/4 FLOP per byte in fp32
    assertEquals(2.0 * 1024 / (4 * (2.0 * 1024 + 1)), Workload.naiveMatmul(1024, 4).intensity(), 1e-12);
    // tiled T=64, n=1024: 2n³ / (4·(2n³/64 + n²)) = 2·1024 / (4·(32 + 1))
    assertEquals(2.0 * 1024 / (4 * 33), Workload.tiledMatmul(1024, 64, 4).intensity(), 1e-12);
    assertEquals(2.0 * 1024 / 12, Workload.idealMatmul(1024, 4).intensity(), 1e-12);
    // attention, L = 1024, d = 64, bf16: unfused 4L²d / (2·(4Ld + 4L²)) = Ld / (2(d + L)); fused L/2
    assertEquals(1024.0 * 64 / (2 * (64 + 1024)), Workload.attention(1024, 64, false, 2).intensity(), 1e-12);
    assertEquals(512, Workload.attention(1024, 64, true, 2).intensity(), 1e-12);
    Workload layer = Workload.transformerLayer(1024, 16, 2048, 8, 2);
    double d = 1024, l = 2048, tok = 8 * 2048;
    assertEquals(tok * (24 * d * d + 4 * l * d), layer.flops(), 1);
    assertEquals(2 * (12 * d * d + tok * 34 * d + 8 * 16 * 4 * l * l), layer.bytes(), 1);
    Workload decode = Workload.decodeStep(4096, 2048, 2);
    assertTrue(decode.intensity() < 1.1, "decoding one token does about one FLOP per byte: " + decode.intensity());
    assertThrows(IllegalArgumentException.class, () -> Workload.attention(0, 64, true, 2));
  }

  @Test
  void placementOnAnH100() {
    Roofline h100 = Roofline.of(Datasheet.H100);
    assertEquals(989e12 / 3.35e12, h100.ridge(), 1e-9); // ≈ 295 FLOP/byte
    assertEquals(Roofline.Bound.MEMORY, h100.bound(Workload.naiveMatmul(8192, 2)));
    assertEquals(Roofline.Bound.MEMORY, h100.bound(Workload.tiledMatmul(8192, 16, 2)));
    assertEquals(Roofline.Bound.COMPUTE, h100.bound(Workload.idealMatmul(8192, 2)));
    assertEquals(Roofline.Bound.MEMORY, h100.bound(Workload.attention(4096, 128, false, 2)));
    assertEquals(Roofline.Bound.COMPUTE, h100.bound(Workload.attention(4096, 128, true, 2)));
    assertEquals(Roofline.Bound.MEMORY, h100.bound(Workload.decodeStep(8192, 4096, 2)));
  }

  @Test
  void chinchillaCost() {
    RunCost c = new RunCost(Accelerator.H100, 5.76e23, 0.4, 2.5);
    double hours = 5.76e23 / (989e12 * 0.4) / 3600;
    assertEquals(hours, c.gpuHours(), 1e-6 * hours);
    assertEquals(hours * 2.5, c.dollars(), 1e-6 * hours);
    assertEquals(5.76e23 / 8.64e19, c.pfDays(), 1e-9);
    assertEquals(hours / 1024 / 24, c.days(1024), 1e-9);
    assertThrows(IllegalArgumentException.class, () -> new RunCost(Accelerator.H100, 1e20, 0, 2));
    assertThrows(IllegalArgumentException.class, () -> new RunCost(Accelerator.H100, 1e20, 0.5, -1));
  }

  @Test
  void triadMeasuresSomething() {
    double bw = StreamTriad.bytesPerSecond(1 << 16, 2, 2);
    assertTrue(bw > 1e8, "bandwidth " + bw);
    assertThrows(IllegalArgumentException.class, () -> StreamTriad.bytesPerSecond(10, 1, 1));
  }

  @Test
  void cacheSizeStrings() {
    assertEquals(48 * 1024, CacheSizes.parseSize("48K"));
    assertEquals(32L << 20, CacheSizes.parseSize("32M"));
  }
}
