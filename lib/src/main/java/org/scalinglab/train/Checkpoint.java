package org.scalinglab.train;

import org.scalinglab.util.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A training run's complete state between two steps — parameters, AdamW moments, step, loss curve
 * so far, elapsed wall time — in a binary file written atomically (temporary file, fsync, rename),
 * so a process killed at any moment leaves either the previous checkpoint or the new one, never a
 * torn file. Resuming from it reproduces the uninterrupted run bit for bit, because batches are a
 * function of (seed, step) only.
 */
public final class Checkpoint {
  private static final int MAGIC = 0x534C434B; // "SLCK"
  /** Binary format version; a file of another version is ignored (the run restarts). */
  public static final int VERSION = 1;

  /** The restored state. */
  public record State(long step, double wallSeconds, double lossSum, int lossCount, List<CurvePoint> curve) {}

  private Checkpoint() {}

  public static void write(Path file, String fingerprint, long step, double wallSeconds, double lossSum, int lossCount,
      List<CurvePoint> curve, NativeFloats params, AdamW opt) throws IOException {
    AtomicFiles.write(file, os -> {
      DataOutputStream out = new DataOutputStream(os);
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeUTF(fingerprint);
      out.writeLong(step);
      out.writeDouble(wallSeconds);
      out.writeDouble(lossSum);
      out.writeInt(lossCount);
      out.writeInt(curve.size());
      for (CurvePoint p : curve) {
        out.writeLong(p.step());
        out.writeDouble(p.tokens());
        out.writeDouble(p.flops());
        out.writeDouble(p.trainLoss());
        out.writeDouble(p.evalLoss());
      }
      writeFloats(out, params);
      writeFloats(out, opt.firstMoment());
      writeFloats(out, opt.secondMoment());
      out.writeLong(opt.step());
      out.flush();
    });
  }

  /**
   * Reads a checkpoint into the given parameters and optimiser when it exists and was written for
   * the same run ({@code fingerprint}); returns null otherwise (start from scratch).
   */
  public static State read(Path file, String fingerprint, NativeFloats params, AdamW opt) throws IOException {
    if (file == null || !Files.isRegularFile(file)) return null;
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      if (in.readInt() != MAGIC || in.readInt() != VERSION) return null;
      if (!in.readUTF().equals(fingerprint)) return null;
      long step = in.readLong();
      double wall = in.readDouble(), lossSum = in.readDouble();
      int lossCount = in.readInt();
      int n = in.readInt();
      List<CurvePoint> curve = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        curve.add(new CurvePoint(in.readLong(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble()));
      }
      readFloats(in, params);
      readFloats(in, opt.firstMoment());
      readFloats(in, opt.secondMoment());
      opt.setStep(in.readLong());
      return new State(step, wall, lossSum, lossCount, curve);
    } catch (java.io.EOFException e) {
      return null; // cannot happen with atomic writes; treat as absent
    }
  }

  private static void writeFloats(DataOutputStream out, NativeFloats f) throws IOException {
    out.writeInt(f.length());
    for (float v : f.toArray()) out.writeInt(Float.floatToRawIntBits(v));
  }

  private static void readFloats(DataInputStream in, NativeFloats f) throws IOException {
    int n = in.readInt();
    if (n != f.length()) throw new IOException("checkpoint holds " + n + " floats, model has " + f.length());
    float[] a = new float[n];
    for (int i = 0; i < n; i++) a[i] = Float.intBitsToFloat(in.readInt());
    f.copyFrom(a);
  }
}
