package org.scalinglab.train;

import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A transformer and an LSTM of matched non-embedding size ({@link LstmConfig#matching}) trained on
 * the same data for the same token budget with the same optimiser, schedule, seed and batches —
 * the architecture comparison of Kaplan et al. 2020, Section 3.2.1 and Figure 7. Besides the two
 * runs it measures each trained model's held-out loss at every position of the context window.
 *
 * @param transformer the transformer's shape
 * @param lstm the matched LSTM's shape
 * @param transformerRun the transformer's run
 * @param lstmRun the LSTM's run
 * @param transformerByPosition the trained transformer's held-out loss by context position
 * @param lstmByPosition the trained LSTM's held-out loss by context position
 */
public record ArchitectureComparison(TransformerConfig transformer, LstmConfig lstm, TrainResult transformerRun,
    TrainResult lstmRun, double[] transformerByPosition, double[] lstmByPosition) {

  /**
   * Trains both models.
   *
   * @param lstmLayers LSTM layers (its width is then chosen to match the transformer's non-embedding size)
   * @param positionBatches held-out batches for the by-position losses
   */
  public static ArchitectureComparison run(TransformerConfig transformer, int lstmLayers, TokenSource data,
      double tokens, TrainSettings settings, int positionBatches) {
    LstmConfig lstm = LstmConfig.matching(transformer, lstmLayers);
    TrainResult t, l;
    double[] tPos, lPos;
    try (Transformer m = new Transformer(transformer, settings.batch(), settings.initSeed(), settings.threads())) {
      t = Trainer.train(m, data, tokens, settings, null, Trainer.Progress.NONE, 0);
      tPos = Trainer.evaluateByPosition(m, data, settings.seed(), positionBatches);
    }
    try (Lstm m = new Lstm(lstm, settings.batch(), settings.initSeed(), settings.threads())) {
      l = Trainer.train(m, data, tokens, settings, null, Trainer.Progress.NONE, 0);
      lPos = Trainer.evaluateByPosition(m, data, settings.seed(), positionBatches);
    }
    return new ArchitectureComparison(transformer, lstm, t, l, tPos, lPos);
  }

  /** Each model's description and its held-out loss by context position, transformer first. */
  public java.util.Map<String, double[]> lossByPosition() {
    java.util.Map<String, double[]> m = new java.util.LinkedHashMap<>();
    m.put(transformerRun.model(), transformerByPosition);
    m.put(lstmRun.model(), lstmByPosition);
    return m;
  }

  public List<TrainResult> runs() {
    return List.of(transformerRun, lstmRun);
  }

  /** Final held-out loss of the transformer minus that of the LSTM (negative: the transformer is better). */
  public double lossDifference() {
    return transformerRun.finalEvalLoss() - lstmRun.finalEvalLoss();
  }

  /** One row per model: shape, exact parameter counts, FLOPs per token, tokens, final losses, throughput. */
  public Table table() {
    List<TrainResult> runs = runs();
    return Table.create("transformer vs LSTM at matched non-embedding size",
        StringColumn.create("model", runs.stream().map(TrainResult::model).toList()),
        LongColumn.create("non_embedding_params", runs.stream().mapToLong(TrainResult::nonEmbeddingParams).toArray()),
        LongColumn.create("embedding_params", runs.stream().mapToLong(TrainResult::embeddingParams).toArray()),
        DoubleColumn.create("training_flops_per_token", runs.stream().mapToDouble(TrainResult::flopsPerToken).toArray()),
        DoubleColumn.create("tokens", runs.stream().mapToDouble(TrainResult::tokens).toArray()),
        DoubleColumn.create("final_eval_loss", runs.stream().mapToDouble(TrainResult::finalEvalLoss).toArray()),
        DoubleColumn.create("tokens_per_s", runs.stream().mapToDouble(TrainResult::tokensPerSecond).toArray()));
  }
}
