package org.scalinglab.units;

/**
 * Petaflop/s-days, the compute unit of Kaplan et al. 2020 (arXiv:2001.08361, Section 1.3):
 * 1 PF-day = 10^15 FLOP/s × 86,400 s = 8.64 × 10^19 FLOPs.
 */
public final class PfDays {
  /** FLOPs in one petaflop/s-day. */
  public static final double FLOPS_PER_PF_DAY = 1e15 * 86_400;

  private PfDays() {}

  /** FLOPs → PF-days. */
  public static double fromFlops(double flops) {
    return flops / FLOPS_PER_PF_DAY;
  }

  /** PF-days → FLOPs. */
  public static double toFlops(double pfDays) {
    return pfDays * FLOPS_PER_PF_DAY;
  }
}
