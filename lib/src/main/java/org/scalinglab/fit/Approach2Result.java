package org.scalinglab.fit;

import org.scalinglab.util.TableFormats;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The outcome of Approach 2: the IsoFLOP profiles, the groups that were left out (and why), and
 * the power laws N_opt = k_N·C^a and D_opt = k_D·C^b fitted to the profiles' minima (ordinary
 * least squares in log–log space, {@link PowerLawFit}; the fitted {@code PowerLaw}'s exponent α is
 * −a, since PowerLaw writes y = k·x^(−α)).
 *
 * @param profiles the profiles used, by increasing budget
 * @param skipped the groups left out, one line each
 * @param paramsFit fit of N_opt against C
 * @param tokensFit fit of D_opt against C
 * @param grouping how runs were grouped
 */
public record Approach2Result(List<IsoFlopProfile> profiles, List<String> skipped, PowerLawFit paramsFit,
    PowerLawFit tokensFit, String grouping) {

  /** a in N_opt ∝ C^a (Hoffmann et al. 2022 Table 2: 0.49 for Approach 2). */
  public double paramsExponent() {
    return -paramsFit.alpha();
  }

  /** b in D_opt ∝ C^b (Hoffmann et al. 2022 Table 2: 0.51 for Approach 2). */
  public double tokensExponent() {
    return -tokensFit.alpha();
  }

  /** N_opt at a budget, from the fitted power law. */
  public double optimalParams(double compute) {
    return paramsFit.law().value(compute);
  }

  /** D_opt at a budget, from the fitted power law. */
  public double optimalTokens(double compute) {
    return tokensFit.law().value(compute);
  }

  /** One row per profile: budget, runs, N_opt, D_opt, minimum loss. */
  public Table toTable() {
    DoubleColumn c = DoubleColumn.create("C"), n = DoubleColumn.create("N_opt"), d = DoubleColumn.create("D_opt"),
        l = DoubleColumn.create("L_min");
    IntColumn k = IntColumn.create("runs");
    for (IsoFlopProfile p : profiles) {
      c.append(p.budget());
      k.append(p.runs().size());
      n.append(p.optimalParams());
      d.append(p.optimalTokens());
      l.append(p.minimumLoss());
    }
    for (DoubleColumn col : new DoubleColumn[] {c, n, d, l}) TableFormats.significant(col, 4);
    return Table.create("IsoFLOP profiles", c, k, n, d, l);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "Approach2Result[%d profiles, a=%.3f, b=%.3f, %d groups skipped]",
        profiles.size(), paramsExponent(), tokensExponent(), skipped.size());
  }
}
