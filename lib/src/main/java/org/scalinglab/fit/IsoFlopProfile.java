package org.scalinglab.fit;

import java.util.Locale;
import org.scalinglab.data.Runs;

/**
 * One IsoFLOP profile of Approach 2 (Hoffmann et al. 2022, Section 3.2): the runs at one compute
 * budget C and the parabola L(x) = c₀ + c₁x + c₂x² fitted to their loss against x = ln N. Its vertex
 * x* = −c₁/(2c₂) gives the compute-optimal model size N_opt(C) = e^(x*), and D_opt(C) = C/(6·N_opt).
 *
 * @param budget the profile's compute budget C (FLOPs)
 * @param runs the runs of the profile
 * @param c0 constant term of the parabola
 * @param c1 linear coefficient (per unit of ln N)
 * @param c2 quadratic coefficient (per (ln N)²); positive for a valley
 */
public record IsoFlopProfile(double budget, Runs runs, double c0, double c1, double c2) {
  /** N_opt(C) = e^(−c₁/(2c₂)). */
  public double optimalParams() {
    return Math.exp(-c1 / (2 * c2));
  }

  /** D_opt(C) = C/(6·N_opt). */
  public double optimalTokens() {
    return budget / (6 * optimalParams());
  }

  /** The parabola's minimum loss. */
  public double minimumLoss() {
    return lossAt(optimalParams());
  }

  /** The parabola at N. */
  public double lossAt(double n) {
    double x = Math.log(n);
    return c0 + x * (c1 + x * c2);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "IsoFlopProfile[C=%.3g, %d runs, N_opt=%.3g, D_opt=%.3g, L_min=%.4f]",
        budget, runs.size(), optimalParams(), optimalTokens(), minimumLoss());
  }
}
