package org.scalinglab.compute;

import org.scalinglab.util.Checks;
import org.scalinglab.util.TableFormats;

import java.util.Locale;
import org.scalinglab.law.ComputeAllocation;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Several allocation rules side by side for one budget (e.g. Kaplan et al. 2020 vs Chinchilla). */
public final class Allocations {
  private Allocations() {}

  /**
   * One row per rule for the budget C (FLOPs): N_opt, D_opt, tokens per parameter, and how N_opt
   * and D_opt grow when the budget grows 10× and 100×.
   */
  public static Table compare(double compute, ComputeAllocation... rules) {
    Checks.positive("compute C (FLOPs)", compute);
    StringColumn name = StringColumn.create("rule");
    DoubleColumn n = DoubleColumn.create("N_opt (B)");
    DoubleColumn d = DoubleColumn.create("D_opt (B)");
    DoubleColumn tpp = DoubleColumn.create("tokens/param");
    DoubleColumn n10 = DoubleColumn.create("N × (10× C)");
    DoubleColumn d10 = DoubleColumn.create("D × (10× C)");
    DoubleColumn n100 = DoubleColumn.create("N × (100× C)");
    DoubleColumn d100 = DoubleColumn.create("D × (100× C)");
    for (ComputeAllocation r : rules) {
      double n0 = r.optimalParams(compute), d0 = r.optimalTokens(compute);
      name.append(r.name());
      n.append(n0 / 1e9);
      d.append(d0 / 1e9);
      tpp.append(d0 / n0);
      n10.append(r.optimalParams(10 * compute) / n0);
      d10.append(r.optimalTokens(10 * compute) / d0);
      n100.append(r.optimalParams(100 * compute) / n0);
      d100.append(r.optimalTokens(100 * compute) / d0);
    }
    // full precision stored, a few significant digits shown (util.TableFormats)
    return TableFormats.significant(Table.create(String.format(Locale.ROOT, "Allocations of C = %.3g FLOPs", compute),
        name, n, d, tpp, n10, d10, n100, d100));
  }

}
