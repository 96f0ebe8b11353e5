package org.scalinglab.sweep;

import java.util.List;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Tablesaw views of a sweep's plan and ledger, for notebooks. */
public final class SweepTables {
  private SweepTables() {}

  /** One row per planned run: budget, model, N, D, steps, held-out flag. */
  public static Table plan(SweepPreset preset) {
    List<RunSpec> plan = preset.plan();
    return Table.create("plan of sweep '" + preset.name() + "'",
        StringColumn.create("run", plan.stream().map(RunSpec::id).toList()),
        DoubleColumn.create("C", plan.stream().mapToDouble(RunSpec::budget).toArray()),
        IntColumn.create("d_model", plan.stream().mapToInt(r -> r.model().dModel()).toArray()),
        LongColumn.create("N", plan.stream().mapToLong(r -> r.model().nonEmbeddingParams()).toArray()),
        DoubleColumn.create("D", plan.stream().mapToDouble(RunSpec::tokens).toArray()),
        LongColumn.create("steps", plan.stream().mapToLong(RunSpec::steps).toArray()),
        BooleanColumn.create("held_out", plan.stream().map(RunSpec::holdout).toList()));
  }

  /** One row per completed run: N, D, C, final held-out loss, tokens/s, MFU. */
  public static Table ledger(List<LedgerRecord> records) {
    return Table.create("ledger",
        StringColumn.create("run", records.stream().map(LedgerRecord::id).toList()),
        LongColumn.create("N", records.stream().mapToLong(LedgerRecord::nonEmbeddingParams).toArray()),
        DoubleColumn.create("D", records.stream().mapToDouble(LedgerRecord::tokens).toArray()),
        DoubleColumn.create("C", records.stream().mapToDouble(LedgerRecord::compute).toArray()),
        DoubleColumn.create("loss", records.stream().mapToDouble(LedgerRecord::finalEvalLoss).toArray()),
        DoubleColumn.create("tokens_per_s", records.stream().mapToDouble(LedgerRecord::tokensPerSecond).toArray()),
        DoubleColumn.create("mfu", records.stream().mapToDouble(LedgerRecord::mfu).toArray()));
  }
}
