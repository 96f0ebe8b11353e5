package org.scalinglab.law;

import org.scalinglab.util.Checks;

/**
 * The compute-optimal allocation exponents N_opt ∝ C^a and D_opt ∝ C^b that Hoffmann et al. 2022
 * ("Training Compute-Optimal Large Language Models", arXiv:2203.15556) estimated three ways, with
 * Kaplan et al. 2020 for comparison (Hoffmann et al. 2022, Table 2; the ranges are the paper's
 * 10th–90th percentiles over bootstrap fits, none given for Kaplan). The ranges are kept as printed:
 * Approach 3's (0.454–0.455 for a) does not contain its rounded estimate 0.46.
 */
public enum ChinchillaApproach {
  /** Approach 1, the minimum over training curves of models of fixed size (Section 3.1). */
  APPROACH_1("Approach 1: minimum over training curves", 0.50, 0.488, 0.502, 0.50, 0.501, 0.512),
  /** Approach 2, IsoFLOP profiles (Section 3.2). */
  APPROACH_2("Approach 2: IsoFLOP profiles", 0.49, 0.462, 0.534, 0.51, 0.483, 0.529),
  /** Approach 3, fitting the parametric loss L(N, D) = E + A/N^α + B/D^β (Section 3.3). */
  APPROACH_3("Approach 3: parametric fit of the loss", 0.46, 0.454, 0.455, 0.54, 0.542, 0.543),
  /** Kaplan et al. 2020 as listed in the same table (no range). */
  KAPLAN_2020("Kaplan et al. (2020)", 0.73, Double.NaN, Double.NaN, 0.27, Double.NaN, Double.NaN);

  private final String label;
  private final double a, aLow, aHigh, b, bLow, bHigh;

  ChinchillaApproach(String label, double a, double aLow, double aHigh, double b, double bLow, double bHigh) {
    this.label = label;
    this.a = a;
    this.aLow = aLow;
    this.aHigh = aHigh;
    this.b = b;
    this.bLow = bLow;
    this.bHigh = bHigh;
  }

  /** A short description, e.g. "Approach 2: IsoFLOP profiles". */
  public String label() {
    return label;
  }

  /** Exponent a of N_opt ∝ C^a. */
  public double a() {
    return a;
  }

  /** Exponent b of D_opt ∝ C^b. */
  public double b() {
    return b;
  }

  /** Lower end of a's published range (NaN when none is published). */
  public double aLow() {
    return aLow;
  }

  /** Upper end of a's published range (NaN when none is published). */
  public double aHigh() {
    return aHigh;
  }

  /** Lower end of b's published range (NaN when none is published). */
  public double bLow() {
    return bLow;
  }

  /** Upper end of b's published range (NaN when none is published). */
  public double bHigh() {
    return bHigh;
  }

  /** Growth of N_opt when compute grows by the factor: factor^a. */
  public double paramsGrowth(double computeFactor) {
    return Math.pow(Checks.positive("compute factor", computeFactor), a);
  }

  /** Growth of D_opt when compute grows by the factor: factor^b. */
  public double tokensGrowth(double computeFactor) {
    return Math.pow(Checks.positive("compute factor", computeFactor), b);
  }

  /** All rows as a Tablesaw table: approach, a, its range, b, its range (Hoffmann et al. 2022, Table 2). */
  public static tech.tablesaw.api.Table table() {
    tech.tablesaw.api.StringColumn name = tech.tablesaw.api.StringColumn.create("approach");
    tech.tablesaw.api.DoubleColumn a = tech.tablesaw.api.DoubleColumn.create("a (N_opt ∝ C^a)");
    tech.tablesaw.api.StringColumn ar = tech.tablesaw.api.StringColumn.create("a range");
    tech.tablesaw.api.DoubleColumn b = tech.tablesaw.api.DoubleColumn.create("b (D_opt ∝ C^b)");
    tech.tablesaw.api.StringColumn br = tech.tablesaw.api.StringColumn.create("b range");
    for (ChinchillaApproach ap : values()) {
      name.append(ap.label);
      a.append(ap.a);
      ar.append(Double.isNaN(ap.aLow) ? "—" : ap.aLow + " – " + ap.aHigh);
      b.append(ap.b);
      br.append(Double.isNaN(ap.bLow) ? "—" : ap.bLow + " – " + ap.bHigh);
    }
    return tech.tablesaw.api.Table.create("Hoffmann et al. 2022, Table 2", name, a, ar, b, br);
  }
}
