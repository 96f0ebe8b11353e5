package org.scalinglab.train;

/**
 * One point of a run's loss curve.
 *
 * @param step updates done
 * @param tokens training tokens seen
 * @param flops training FLOPs spent (tokens × FLOPs per token)
 * @param trainLoss mean training loss since the previous point
 * @param evalLoss held-out loss at this point
 */
public record CurvePoint(long step, double tokens, double flops, double trainLoss, double evalLoss) {}
