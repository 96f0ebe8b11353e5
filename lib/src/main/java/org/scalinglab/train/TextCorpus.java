package org.scalinglab.train;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.SplittableRandom;
import org.scalinglab.error.BadInputException;

/**
 * Real text as a byte-level language (vocabulary 256): the first 90% of the bytes train, the last
 * 10% are held out for evaluation (a fixed split). Training windows start at positions drawn from
 * the step's seed; evaluation windows from the evaluation index's seed, inside the held-out part.
 */
public final class TextCorpus implements TokenSource {
  private static final long EVAL_SALT = 0x7E57C0DEL;
  /** Fraction of the bytes used for training. */
  public static final double TRAIN_FRACTION = 0.9;

  private final byte[] bytes;
  private final int trainEnd;
  private final String name;

  private TextCorpus(byte[] bytes, String name) {
    this.bytes = bytes;
    this.trainEnd = (int) (bytes.length * TRAIN_FRACTION);
    this.name = name;
  }

  /** A corpus from bytes in memory. */
  public static TextCorpus of(byte[] bytes, String name) {
    if (bytes.length < 1000) throw new BadInputException(name + ": text too short for a train/validation split (" + bytes.length + " bytes, need ≥ 1000)");
    return new TextCorpus(bytes, name);
  }

  /** Any text file; a missing, unreadable or empty file is a one-line {@link BadInputException}. */
  public static TextCorpus fromFile(Path file) {
    if (!Files.isRegularFile(file)) throw new BadInputException(file + ": no such data file");
    try {
      byte[] b = Files.readAllBytes(file);
      if (b.length == 0) throw new BadInputException(file + ": data file is empty");
      return of(b, file.getFileName().toString());
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot read data file (" + e.getMessage() + ")", e);
    }
  }

  /**
   * The King James Bible (public domain) from Debian's {@code bible-kjv} package, cached as
   * {@code kjv.txt} in {@code cacheDir} (under build/, not in git) after the first call.
   */
  public static TextCorpus kingJamesBible(Path cacheDir) {
    Path file = cacheDir.resolve("kjv.txt");
    if (!Files.isRegularFile(file)) {
      try {
        Files.createDirectories(cacheDir);
        Process p = new ProcessBuilder("bible", "Gen1:1-Rev22:21").redirectErrorStream(true).start();
        Path tmp = Files.createTempFile(cacheDir, "kjv", ".tmp");
        try (InputStream in = p.getInputStream()) {
          Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        int rc = p.waitFor();
        if (rc != 0 || Files.size(tmp) < 1_000_000) {
          Files.deleteIfExists(tmp);
          throw new BadInputException("the King James Bible could not be read with `bible` (exit " + rc + "); install it: apt-get install bible-kjv");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new BadInputException("the King James Bible needs Debian's bible-kjv package (apt-get install bible-kjv): " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while reading the Bible", e);
      }
    }
    TextCorpus c = fromFile(file);
    return new TextCorpus(c.bytes, "kjv");
  }

  @Override public int vocab() { return 256; }

  public int trainBytes() { return trainEnd; }

  public int validationBytes() { return bytes.length - trainEnd; }

  /**
   * The entropy (nats per byte) of the training part's byte frequencies: the loss of the best
   * model that ignores context — an upper bound on the text's entropy rate, not the rate itself.
   */
  public double unigramEntropy() {
    long[] counts = new long[256];
    for (int i = 0; i < trainEnd; i++) counts[bytes[i] & 0xFF]++;
    double h = 0;
    for (long c : counts) {
      if (c > 0) {
        double p = (double) c / trainEnd;
        h -= p * Math.log(p);
      }
    }
    return h;
  }

  /** The text of the first {@code n} bytes (for showing). */
  public String head(int n) {
    return new String(bytes, 0, Math.min(n, bytes.length), StandardCharsets.UTF_8);
  }

  @Override
  public void trainBatch(long seed, long step, int batch, int context, int[] inputs, int[] targets) {
    fill(new SplittableRandom(TokenSource.mix(seed, step)), 0, trainEnd, batch, context, inputs, targets);
  }

  @Override
  public void evalBatch(long seed, int index, int batch, int context, int[] inputs, int[] targets) {
    fill(new SplittableRandom(TokenSource.mix(seed ^ EVAL_SALT, index)), trainEnd, bytes.length, batch, context, inputs, targets);
  }

  private void fill(SplittableRandom rng, int lo, int hi, int batch, int context, int[] inputs, int[] targets) {
    int span = hi - lo - context - 1;
    if (span <= 0) throw new BadInputException(name + ": text too short for context " + context);
    for (int b = 0; b < batch; b++) {
      int start = lo + rng.nextInt(span);
      for (int t = 0; t < context; t++) {
        inputs[b * context + t] = bytes[start + t] & 0xFF;
        targets[b * context + t] = bytes[start + t + 1] & 0xFF;
      }
    }
  }

  @Override
  public String describe() {
    return "text(" + name + ", " + bytes.length + " bytes)";
  }
}
