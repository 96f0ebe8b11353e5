package org.scalinglab.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MemoryTrafficTest {

  /** Counts the reads of A and B by walking the tiled kernel's loop nest (Matmul.tiled's staging loops). */
  private static long countTiledReads(int n, int t) {
    long reads = 0;
    for (int i0 = 0; i0 < n; i0 += t)
      for (int j0 = 0; j0 < n; j0 += t)
        for (int k0 = 0; k0 < n; k0 += t) {
          int ih = Math.min(t, n - i0), jw = Math.min(t, n - j0), kw = Math.min(t, n - k0);
          reads += (long) ih * kw + (long) kw * jw;
        }
    return reads;
  }

  /** Counts the reads of the naive kernel: each output reads n of A and n of B. */
  private static long countNaiveReads(int n) {
    long reads = 0;
    for (int i = 0; i < n; i++)
      for (int j = 0; j < n; j++)
        for (int k = 0; k < n; k++) reads += 2;
    return reads;
  }

  @Test
  void formulasMatchTheLoopNests() {
    for (int n : new int[] {1, 5, 16, 33, 64, 100}) {
      assertEquals(countNaiveReads(n), MemoryTraffic.naiveReads(n), 0, "naive n=" + n);
      for (int t : new int[] {1, 2, 4, 7, 16, 64, 128}) {
        assertEquals(countTiledReads(n, t), MemoryTraffic.tiledReads(n, t), 0, "tiled n=" + n + " T=" + t);
      }
    }
  }

  @Test
  void theTileFactor() {
    assertEquals(2.0 * 1024 * 1024 * 1024, MemoryTraffic.naiveReads(1024), 0);
    assertEquals(2.0 * 1024 * 1024 * 1024 / 64, MemoryTraffic.tiledReads(1024, 64), 0);
    assertEquals(64, MemoryTraffic.reductionFactor(1024, 64), 0);
    assertEquals(100.0 / 2, MemoryTraffic.reductionFactor(100, 64), 1e-12); // ⌈100/64⌉ = 2 passes
    assertEquals(1, MemoryTraffic.reductionFactor(100, 1), 0);
    assertEquals(3.0 * 1024 * 1024, MemoryTraffic.minimumTraffic(1024), 0);
    assertEquals(1024 * 1024, MemoryTraffic.writes(1024), 0);
    assertEquals(49152, MemoryTraffic.tileWorkingSetBytes(64)); // = a 48 KiB L1d
    assertEquals(2048, MemoryTraffic.sharedMemoryBytes(16));
    assertEquals(2.0 * 512 * 512 * 512 / 16, MemoryTraffic.naiveCacheLines(512, 16, true), 0);
    assertEquals(512.0 * 512 * 512 * (1 + 1.0 / 16), MemoryTraffic.naiveCacheLines(512, 16, false), 0);
    assertThrows(IllegalArgumentException.class, () -> MemoryTraffic.tiledReads(0, 4));
    assertThrows(IllegalArgumentException.class, () -> MemoryTraffic.tiledReads(8, 0));
  }
}
