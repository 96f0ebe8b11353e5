package org.scalinglab.data;

import org.scalinglab.error.BadInputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.scalinglab.units.TrainingCompute;
import org.scalinglab.util.TableFormats;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Published large language models with their size and training data, from {@code data/models.csv}
 * (columns model, params, tokens, year, source; one source citation per row, see data/SOURCES.md).
 * Training compute is not copied from the papers but recomputed as C = 6ND (Kaplan et al. 2020,
 * Section 2.1), so that "compute relative to GPT-3" is the same arithmetic for every row.
 */
public final class ModelsTable {
  /** The committed table's file name in {@code data/}. */
  public static final String FILE = "models.csv";
  /** The reference model of the "compute in GPT-3 terms" column. */
  public static final String GPT3 = "GPT-3";

  /**
   * One model.
   *
   * @param name model name as in the papers
   * @param params parameters N
   * @param tokens training tokens D
   * @param year publication year
   * @param source citation of N and D
   */
  public record Model(String name, double params, double tokens, int year, String source) {
    /** Training compute C = 6ND in FLOPs. */
    public double compute() {
      return TrainingCompute.flops(params, tokens);
    }

    /** D/N, training tokens per parameter. */
    public double tokensPerParam() {
      return tokens / params;
    }
  }

  private final List<Model> models;

  private ModelsTable(List<Model> models) {
    this.models = Collections.unmodifiableList(new ArrayList<>(models));
  }

  /** Loads {@code data/models.csv} (found by {@link DataDir}). */
  public static ModelsTable load() {
    return load(DataDir.file(FILE));
  }

  /**
   * Loads a models CSV; a missing column, an empty or non-numeric cell, a non-positive value, a
   * year outside 1950–2100 or a repeated model name → BadInputException naming file, row and column.
   */
  public static ModelsTable load(Path csv) {
    RecordTable cells = RecordTable.read(csv).require(List.of("model", "params", "tokens", "year", "source"));
    List<Model> out = new ArrayList<>();
    for (int i = 0; i < cells.rows(); i++) {
      String name = cells.text(i, "model");
      for (Model m : out) {
        if (m.name().equalsIgnoreCase(name)) throw cells.error(i, "model", "repeated model name '" + name + "'");
      }
      double n = cells.positive(i, "params");
      double d = cells.positive(i, "tokens");
      long year = cells.integer(i, "year");
      if (year < 1950 || year > 2100) throw cells.error(i, "year", "implausible year " + year);
      out.add(new Model(name, n, d, (int) year, cells.text(i, "source")));
    }
    return new ModelsTable(out);
  }

  /** The models in file order. */
  public List<Model> models() {
    return models;
  }

  public int size() {
    return models.size();
  }

  /** The model with this name (case-insensitive); IllegalArgumentException listing the names if absent. */
  public Model get(String name) {
    for (Model m : models) if (m.name().equalsIgnoreCase(name)) return m;
    List<String> names = new ArrayList<>();
    for (Model m : models) names.add(m.name());
    throw new IllegalArgumentException("no model '" + name + "' in the table; have " + names);
  }

  /** C(model) / C(reference), both as 6ND. */
  public double computeRelativeTo(String model, String reference) {
    return get(model).compute() / get(reference).compute();
  }

  /** C(model) / C(GPT-3): the "compute in GPT-3 terms" column of lecture 2. */
  public double computeVsGpt3(String model) {
    return computeRelativeTo(model, GPT3);
  }

  /** Parameters of every model. */
  public double[] params() {
    return models.stream().mapToDouble(Model::params).toArray();
  }

  /** Training tokens of every model. */
  public double[] tokens() {
    return models.stream().mapToDouble(Model::tokens).toArray();
  }

  /** Training compute 6ND of every model. */
  public double[] compute() {
    return models.stream().mapToDouble(Model::compute).toArray();
  }

  /**
   * The table for display: model, params (billions), tokens (billions), tokens per parameter,
   * compute (FLOPs, 6ND), compute relative to GPT-3, year, source.
   */
  public Table table() {
    StringColumn name = StringColumn.create("model");
    DoubleColumn nB = DoubleColumn.create("params (B)");
    DoubleColumn dB = DoubleColumn.create("tokens (B)");
    DoubleColumn tpp = DoubleColumn.create("tokens/param");
    DoubleColumn c = DoubleColumn.create("compute 6ND (FLOPs)");
    DoubleColumn rel = DoubleColumn.create("compute vs GPT-3");
    IntColumn year = IntColumn.create("year");
    StringColumn src = StringColumn.create("source");
    double ref = get(GPT3).compute();
    for (Model m : models) {
      name.append(m.name());
      nB.append(m.params() / 1e9);
      dB.append(m.tokens() / 1e9);
      tpp.append(m.tokensPerParam());
      c.append(m.compute());
      rel.append(m.compute() / ref);
      year.append(m.year());
      src.append(m.source());
    }
    TableFormats.significant(nB, 3);
    TableFormats.significant(dB, 3);
    TableFormats.significant(tpp, 3);
    TableFormats.significant(c, 3);
    TableFormats.significant(rel, 3);
    return Table.create("Models (compute = 6ND)", name, nB, dB, tpp, c, rel, year, src);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "ModelsTable(%d models)", models.size());
  }
}
