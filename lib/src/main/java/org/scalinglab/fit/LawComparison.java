package org.scalinglab.fit;

import org.scalinglab.util.TableFormats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.scalinglab.data.Runs;
import org.scalinglab.law.ChinchillaLaw;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Chinchilla-form laws side by side: their constants, the allocation exponent a = β/(α+β), the
 * compute-optimal N*, D* and D*÷N* at one budget (Hoffmann et al. 2022, Eq. 4) and, when runs are
 * given, the Approach-3 objective each law scores on them (lower is a better fit).
 *
 * <pre>{@code
 * LawComparison.at(5.76e23).add("Hoffmann et al. 2022", ChinchillaLaw.HOFFMANN_2022).add("this fit", fit.law()).table()
 * }</pre>
 */
public final class LawComparison {
  private final double budget;
  private final Runs runs;
  private final double huberDelta;
  private final List<String> names = new ArrayList<>();
  private final List<ChinchillaLaw> laws = new ArrayList<>();

  private LawComparison(double budget, Runs runs, double huberDelta) {
    if (!(budget > 0) || Double.isInfinite(budget)) throw new IllegalArgumentException("budget must be positive, got " + budget);
    this.budget = budget;
    this.runs = runs;
    this.huberDelta = huberDelta;
  }

  /** A comparison at this compute budget (FLOPs). */
  public static LawComparison at(double budget) {
    return new LawComparison(budget, null, 1e-3);
  }

  /** Also score each law on these runs with the Approach-3 objective (Huber δ). */
  public LawComparison scoredOn(Runs on, double delta) {
    LawComparison c = new LawComparison(budget, on, delta);
    c.names.addAll(names);
    c.laws.addAll(laws);
    return c;
  }

  /** Adds a row (returns this, for chaining). */
  public LawComparison add(String name, ChinchillaLaw law) {
    names.add(name);
    laws.add(law);
    return this;
  }

  public Table table() {
    StringColumn name = StringColumn.create("law");
    DoubleColumn e = DoubleColumn.create("E"), a = DoubleColumn.create("A"), b = DoubleColumn.create("B"),
        alpha = DoubleColumn.create("alpha"), beta = DoubleColumn.create("beta"), exp = DoubleColumn.create("a = β/(α+β)"),
        n = DoubleColumn.create("N*"), d = DoubleColumn.create("D*"), ratio = DoubleColumn.create("D*/N*"),
        obj = DoubleColumn.create("objective");
    HuberLogObjective f = runs == null ? null : HuberLogObjective.of(runs, huberDelta);
    for (int i = 0; i < laws.size(); i++) {
      ChinchillaLaw l = laws.get(i);
      name.append(names.get(i));
      e.append(l.e());
      a.append(l.a());
      b.append(l.b());
      alpha.append(l.alpha());
      beta.append(l.beta());
      exp.append(l.paramsExponent());
      n.append(l.optimalParams(budget));
      d.append(l.optimalTokens(budget));
      ratio.append(l.optimalTokens(budget) / l.optimalParams(budget));
      if (f != null) obj.append(f.value(l));
    }
    for (DoubleColumn c : new DoubleColumn[] {e, a, b, alpha, beta, exp, n, d, ratio, obj}) TableFormats.significant(c, 4);
    Table t = Table.create(String.format(Locale.ROOT, "Chinchilla-form laws (N*, D* at C = %.3g FLOPs)", budget),
        name, e, a, b, alpha, beta, exp, n, d, ratio);
    if (f != null) t.addColumns(obj);
    return t;
  }
}
