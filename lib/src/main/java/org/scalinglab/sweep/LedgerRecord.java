package org.scalinglab.sweep;

import org.scalinglab.units.TrainingCompute;
import java.util.List;
import org.scalinglab.data.Run;
import org.scalinglab.train.CurvePoint;

/**
 * One completed run in a sweep's ledger (one JSON file per run).
 *
 * @param format ledger format version ({@link Ledger#FORMAT})
 * @param id run id (file name)
 * @param index position in the sweep order
 * @param preset preset name
 * @param holdout whether this is the held-out run
 * @param budget compute budget C (6ND convention)
 * @param model model description
 * @param vocab vocabulary V
 * @param context context T
 * @param layers blocks L
 * @param dModel width d (an LSTM's hidden units)
 * @param heads attention heads (0 for an LSTM)
 * @param dFf MLP width (0 for an LSTM)
 * @param batch sequences per step
 * @param seed run seed
 * @param threads threads the run used (bit-identical results need the same count)
 * @param data data description
 * @param embeddingParams embedding parameters (exact)
 * @param nonEmbeddingParams non-embedding parameters (exact, biases and norms included)
 * @param flopsPerToken training FLOPs per token as the engine computes them (Hoffmann et al. 2022, App. F)
 * @param kaplanFlopsPerToken 6N + attention, from compute.TransformerShape (Kaplan et al. 2020, Eq. 2.2 × 3)
 * @param steps optimiser steps
 * @param tokens training tokens seen D
 * @param flops training FLOPs actually spent (tokens × flopsPerToken)
 * @param wallSeconds training wall time
 * @param tokensPerSecond throughput
 * @param mfu model FLOPs utilisation against the measured matmul peak
 * @param peakFlops the measured peak (FLOP/s)
 * @param finalEvalLoss held-out loss at the end (nats/token) — the run's loss for the fits
 * @param finalTrainLoss mean training loss over the last curve interval
 * @param curve loss curve
 * @param lossByPosition held-out loss at each context position of the trained model (null unless the sweep measured it)
 */
public record LedgerRecord(int format, String id, int index, String preset, boolean holdout, double budget,
    String model, int vocab, int context, int layers, int dModel, int heads, int dFf, int batch, long seed, int threads,
    String data, long embeddingParams, long nonEmbeddingParams, double flopsPerToken, double kaplanFlopsPerToken,
    long steps, double tokens, double flops, double wallSeconds, double tokensPerSecond, double mfu, double peakFlops,
    double finalEvalLoss, double finalTrainLoss, List<CurvePoint> curve, double[] lossByPosition) {

  /** As a run for the fitters: N = non-embedding parameters, D = tokens, C = 6ND, loss = held-out loss. */
  public Run toRun() {
    return Run.of(nonEmbeddingParams, tokens, finalEvalLoss);
  }

  /** Curve x values: training FLOPs in the 6ND convention. */
  /** Training compute of the run, C = 6ND with N its non-embedding parameters and D its tokens (Kaplan et al. 2020, Eq. 2.1 / Table 1). */
  public double compute() {
    return TrainingCompute.flops(nonEmbeddingParams, tokens);
  }

  /** C = 6ND at each point of the loss curve. */
  public double[] curveCompute() {
    return curve.stream().mapToDouble(p -> TrainingCompute.flops(nonEmbeddingParams, p.tokens())).toArray();
  }

  public double[] curveEvalLoss() {
    return curve.stream().mapToDouble(CurvePoint::evalLoss).toArray();
  }
}
