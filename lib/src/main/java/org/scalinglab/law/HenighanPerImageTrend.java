package org.scalinglab.law;

import org.scalinglab.util.Checks;

/**
 * One row of Table 3 ("Per-image loss trends") of Henighan et al. (2020), arXiv:2010.14701: the
 * compute law of one image resolution written per image instead of per token, reducible loss
 * (C / C₁)^(−α) nats per image with C in PF-days, and the irreducible loss in nats per image.
 * C₁ is the compute at which the reducible loss is 1 nat per image. The paper prints these numbers
 * separately from Table 1, so they check Table 1's constants: {@link HenighanLaw#irreduciblePerSample}
 * and {@link HenighanLaw#computeForOneNatPerSample} of the matching Table 1 row should reproduce them.
 *
 * @param table1Domain the label of the matching Table 1 row ("Image 8x8", "Image VQ 16x16", …)
 * @param computeForOneNat C₁ (PF-days)
 * @param exponent α
 * @param irreduciblePerImage irreducible loss (nats per image)
 */
public record HenighanPerImageTrend(String table1Domain, double computeForOneNat, double exponent, double irreduciblePerImage) {

  public HenighanPerImageTrend {
    Checks.positive("compute for one nat per image", computeForOneNat);
    Checks.positive("exponent", exponent);
    Checks.positive("irreducible loss per image", irreduciblePerImage);
  }

  /** Reducible loss per image at C PF-days: (C₁/C)^α. */
  public double reducible(double pfDays) {
    Checks.positive("compute (PF-days)", pfDays);
    return Math.pow(computeForOneNat / pfDays, exponent);
  }
}
