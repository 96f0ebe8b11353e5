package org.scalinglab.train;

/**
 * A next-token language model trained on fixed-size batches: the trainer's view of the
 * transformer and the LSTM. Parameters and their gradients are flat blocks of native floats.
 */
public interface LanguageModel extends AutoCloseable {
  /** Sequences per batch B. */
  int batch();

  /** Tokens per sequence T. */
  int context();

  int vocab();

  /** All trainable parameters, one flat block. */
  NativeFloats params();

  /** Gradients, same layout as {@link #params()}; written by {@link #backward()}. */
  NativeFloats grads();

  /** For each parameter, whether AdamW decays it (matrices and embeddings yes, biases and norm gains no). */
  boolean[] decayed();

  /**
   * Runs the model on {@code B·T} input tokens (row-major, sequence by sequence) and returns the
   * mean cross-entropy (nats per token) against the next tokens {@code targets}.
   */
  double forward(int[] inputs, int[] targets);

  /**
   * The per-token losses of the last {@link #forward} (nats; B·T values, sequence by sequence),
   * copied into {@code out}: for losses by position in the context.
   */
  void lastTokenLosses(double[] out);

  /** Gradients of the last {@link #forward}'s mean loss with respect to the parameters. */
  void backward();

  long embeddingParams();

  long nonEmbeddingParams();

  /** Training FLOPs per token (forward + backward). */
  double trainingFlopsPerToken();

  /** A short description such as {@code transformer L2-d64-h4}. */
  String describe();

  @Override
  void close();
}
