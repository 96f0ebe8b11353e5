package org.scalinglab.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * An immutable collection of {@link Run}s: what every producer (a CSV, a sweep's ledger, a synthetic
 * law) hands to the fitters. The maths reads plain {@code double[]} columns; {@link #toTable()} gives a
 * Tablesaw table for showing, filtering and grouping.
 */
public final class Runs implements Iterable<Run> {
  private final List<Run> runs;
  private final String source;

  private Runs(List<Run> runs, String source) {
    this.runs = Collections.unmodifiableList(new ArrayList<>(runs));
    this.source = source;
  }

  public static Runs of(List<Run> runs, String source) {
    return new Runs(runs, source);
  }

  public static Runs of(List<Run> runs) {
    return new Runs(runs, "runs");
  }

  /** Where these runs came from (a file name, "synthetic", a ledger), for messages. */
  public String source() {
    return source;
  }

  public int size() {
    return runs.size();
  }

  public Run get(int i) {
    return runs.get(i);
  }

  public List<Run> list() {
    return runs;
  }

  public double[] params() {
    return column(Run::params);
  }

  public double[] tokens() {
    return column(Run::tokens);
  }

  public double[] compute() {
    return column(Run::compute);
  }

  public double[] loss() {
    return column(Run::loss);
  }

  /** The runs for which the predicate holds. */
  public Runs filter(Predicate<Run> keep) {
    return new Runs(runs.stream().filter(keep).toList(), source);
  }

  /** A Tablesaw table with columns N, D, C, loss. */
  public Table toTable() {
    return Table.create(source,
        DoubleColumn.create("N", params()),
        DoubleColumn.create("D", tokens()),
        DoubleColumn.create("C", compute()),
        DoubleColumn.create("loss", loss()));
  }

  @Override
  public Iterator<Run> iterator() {
    return runs.iterator();
  }

  @Override
  public String toString() {
    return "Runs[" + source + ", " + runs.size() + " runs]";
  }

  private double[] column(ToDoubleFunction<Run> f) {
    double[] out = new double[runs.size()];
    for (int i = 0; i < out.length; i++) out[i] = f.applyAsDouble(runs.get(i));
    return out;
  }
}
