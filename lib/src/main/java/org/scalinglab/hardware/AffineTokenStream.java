package org.scalinglab.hardware;

import java.util.SplittableRandom;

/**
 * The learnable token stream of the GPU engine's checks (GpuTransformerTest, the gpu module's
 * GpuCheck): each sequence follows x → (5x + 3) mod V from a random start, with 10% of the tokens
 * drawn at random, so a small GPT's loss falls quickly and steadily, the same way on both engines.
 */
public final class AffineTokenStream {
  private AffineTokenStream() {}

  /** Row-major B×T inputs and their next tokens (the targets): {@code {inputs, targets}}. */
  public static int[][] batch(SplittableRandom r, int B, int T, int V) {
    int[] in = new int[B * T], tg = new int[B * T];
    for (int b = 0; b < B; b++) {
      int x = r.nextInt(V);
      for (int t = 0; t <= T; t++) {
        int next = r.nextInt(10) == 0 ? r.nextInt(V) : (5 * x + 3) % V;
        if (t < T) in[b * T + t] = x;
        if (t > 0) tg[b * T + t - 1] = x;
        x = next;
      }
    }
    return new int[][] {in, tg};
  }
}
