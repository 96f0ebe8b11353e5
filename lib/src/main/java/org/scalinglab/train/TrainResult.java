package org.scalinglab.train;

import java.util.List;

/**
 * What one training run measured.
 *
 * @param model model description, e.g. {@code transformer L2-d64-h4}
 * @param data data description
 * @param embeddingParams embedding parameters
 * @param nonEmbeddingParams all other parameters (N in Kaplan et al. 2020)
 * @param flopsPerToken training FLOPs per token
 * @param steps updates
 * @param tokens training tokens seen
 * @param flops training FLOPs (tokens × flopsPerToken)
 * @param wallSeconds training wall time (summed over resumptions; evaluation included)
 * @param tokensPerSecond tokens / wallSeconds
 * @param mfu model FLOPs utilisation: achieved FLOP/s / measured matmul peak
 * @param finalEvalLoss held-out loss at the end (nats per token)
 * @param finalTrainLoss mean training loss over the last curve interval
 * @param curve the loss curve
 */
public record TrainResult(String model, String data, long embeddingParams, long nonEmbeddingParams,
    double flopsPerToken, long steps, double tokens, double flops, double wallSeconds,
    double tokensPerSecond, double mfu, double finalEvalLoss, double finalTrainLoss, List<CurvePoint> curve) {
  public TrainResult {
    curve = List.copyOf(curve);
  }
}
