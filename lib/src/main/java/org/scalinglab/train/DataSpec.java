package org.scalinglab.train;

import java.nio.file.Path;

/**
 * Names the data a run trains on: {@code markov} (the tiny sweep's synthetic language: V = 8, order 2,
 * 3 successors per state, Zipf exponent 1, seed 1; entropy rate ≈ 0.995 nats/token), {@code kjv} (the King James Bible as bytes), or
 * the path of any text file (bytes).
 */
public final class DataSpec {
  private DataSpec() {}

  /** The default synthetic language of the sweeps and of {@code train --data markov}. */
  public static MarkovLanguage markov() {
    return new MarkovLanguage(8, 2, 3, 1.0, 1L);
  }

  public static TokenSource parse(String spec, Path buildDir) {
    if (spec == null || spec.isBlank()) throw new IllegalArgumentException("no data named: give markov, kjv or a file path");
    return switch (spec) {
      case "markov" -> markov();
      case "kjv" -> TextCorpus.kingJamesBible();
      default -> TextCorpus.fromFile(Path.of(spec));
    };
  }
}
