package org.scalinglab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The pool's fixed chunks, whichever thread runs them; failures; nested and concurrent callers. */
class WorkerPoolTest {
  @Test
  void everyChunkRunsOnceWithItsFixedBoundsManyTimesOver() {
    try (WorkerPool pool = new WorkerPool(3)) {
      for (int rep = 0; rep < 2_000; rep++) {
        int n = 1 + rep % 50;
        int t = Math.min(3, n);
        int[] lo = new int[3], hi = new int[3];
        AtomicIntegerArray runs = new AtomicIntegerArray(3);
        pool.run(n, (c, a, b) -> {
          lo[c] = a;
          hi[c] = b;
          runs.incrementAndGet(c);
        });
        for (int c = 0; c < t; c++) {
          assertEquals(1, runs.get(c), "chunk " + c + " of n=" + n);
          assertEquals((int) ((long) n * c / t), lo[c]);
          assertEquals((int) ((long) n * (c + 1) / t), hi[c]);
        }
      }
    }
  }

  @Test
  void aFailingChunkIsRethrownToTheCallerAndThePoolStaysUsable() {
    try (WorkerPool pool = new WorkerPool(2)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.run(10, (c, a, b) -> {
        if (c == 1) throw new IllegalStateException("chunk 1 failed");
      }));
      assertEquals("chunk 1 failed", e.getMessage());
      int[] sum = new int[1];
      pool.run(1, (c, a, b) -> sum[0] += b - a);
      assertEquals(1, sum[0]);
    }
  }

  @Test
  void aNestedCallRunsTheSameChunksInOrderOnTheCallingThread() {
    try (WorkerPool pool = new WorkerPool(2)) {
      float[] out = new float[8];
      pool.run(2, (c, a, b) -> pool.run(4, (c2, a2, b2) -> {
        for (int i = a2; i < b2; i++) out[4 * c + i] = c2;
      }));
      assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 1, 1}, out);
    }
  }

  @Test
  void aClosedPoolRefusesWork() {
    WorkerPool pool = new WorkerPool(2);
    pool.run(4, (c, a, b) -> {});
    pool.close();
    assertThrows(IllegalStateException.class, () -> pool.run(4, (c, a, b) -> {}));
  }
}
