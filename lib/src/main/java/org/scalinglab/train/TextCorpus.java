package org.scalinglab.train;

import org.scalinglab.util.SeedMix;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.scalinglab.error.BadInputException;
import org.scalinglab.data.DataDir;

/**
 * Real text as a byte-level language (vocabulary 256): the first 90% of the bytes train, the last
 * 10% are held out for evaluation (a fixed split). Training windows start at positions drawn from
 * the step's seed; evaluation windows from the evaluation index's seed, inside the held-out part.
 */
public final class TextCorpus implements TokenSource {
  private static final long EVAL_SALT = 0x7E57C0DEL;
  /** The King James Bible in {@code data/}, gzip-compressed. */
  public static final String KJV_FILE = "kjv.txt.gz";
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

  /**
   * Any text file, or a gzip-compressed one (name ending in {@code .gz}, read with the JDK's
   * {@link GZIPInputStream}); a missing, unreadable or empty file is a one-line {@link BadInputException}.
   */
  public static TextCorpus fromFile(Path file) {
    if (!Files.isRegularFile(file)) throw new BadInputException(file + ": no such data file");
    try {
      byte[] b;
      if (file.getFileName().toString().endsWith(".gz")) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
          b = in.readAllBytes();
        }
      } else {
        b = Files.readAllBytes(file);
      }
      if (b.length == 0) throw new BadInputException(file + ": data file is empty");
      return of(b, file.getFileName().toString());
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot read data file (" + e.getMessage() + ")", e);
    }
  }

  /**
   * The King James Bible (public domain) as bytes: {@code data/kjv.txt.gz}, shipped with the project
   * (the output of Debian's {@code bible-kjv} 4.38, {@code bible "Gen1:1-Rev22:21"}, 4,298,239 bytes;
   * see data/SOURCES.md), found like every data file ({@link DataDir}). When it is missing the
   * exception says so in one sentence.
   */
  public static TextCorpus kingJamesBible() {
    Path file;
    try {
      file = DataDir.file(KJV_FILE);
    } catch (BadInputException e) {
      throw new BadInputException("the King James Bible text " + KJV_FILE + " is missing: it ships in scalinglab's data/ folder"
          + " (restore it with 'git checkout data/" + KJV_FILE + "', or point -Dscalinglab.data or SCALINGLAB_DATA at that folder); "
          + e.getMessage());
    }
    return new TextCorpus(fromFile(file).bytes, "kjv");
  }

  /**
   * As {@link #kingJamesBible()}; the folder is no longer used (the text now ships in {@code data/}).
   *
   * @deprecated use {@link #kingJamesBible()}
   */
  @Deprecated
  public static TextCorpus kingJamesBible(Path unusedCacheDir) {
    return kingJamesBible();
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
    fill(new SplittableRandom(SeedMix.mix(seed, step)), 0, trainEnd, batch, context, inputs, targets);
  }

  @Override
  public void evalBatch(long seed, int index, int batch, int context, int[] inputs, int[] targets) {
    fill(new SplittableRandom(SeedMix.mix(seed ^ EVAL_SALT, index)), trainEnd, bytes.length, batch, context, inputs, targets);
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
