package org.scalinglab.util;

/**
 * Derives independent stream seeds from one seed and a counter, so that batch k of a run or resample
 * i of a bootstrap gets the same random numbers whatever ran before it (resumed runs, other thread
 * counts). The finaliser is SplitMix64's (Steele, Lea & Flood 2014, "Fast splittable pseudorandom
 * number generators"); the JDK keeps its own copy private inside SplittableRandom.
 */
public final class SeedMix {
  private SeedMix() {}

  /** A 64-bit mix of (seed, counter). */
  public static long mix(long seed, long counter) {
    long z = seed + 0x9E3779B97F4A7C15L * (counter + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
