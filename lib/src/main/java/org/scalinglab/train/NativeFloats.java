package org.scalinglab.train;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;

/**
 * A flat block of {@code float}s in native memory, allocated by JavaCPP (the native-memory layer
 * that the OpenBLAS binding is built on), seen two ways: as a {@link FloatPointer} that BLAS reads
 * and writes without copying, and as a {@link FloatBuffer} that the trainer's fused element-wise
 * Java loops read and write. Both views share the same memory, which JavaCPP frees when the block
 * is garbage-collected.
 *
 * <p>Nothing here needs ND4J: the engine only needs memory and {@code sgemm}, and starting ND4J
 * would unpack ≈310 MB of its native libraries on first use (it stays a test dependency, for the
 * SameDiff gradient oracle).
 */
public final class NativeFloats {
  private final FloatPointer pointer;
  private final FloatBuffer buffer;
  private final int length;

  private NativeFloats(int length) {
    if (length <= 0) throw new IllegalArgumentException("a float block needs a positive length, got " + length);
    this.length = length;
    this.pointer = new FloatPointer((long) length);
    if (pointer.isNull()) throw new OutOfMemoryError("cannot allocate " + length + " floats of native memory");
    pointer.capacity(length).limit(length);
    this.buffer = pointer.asBuffer();
  }

  /** A zero-filled block of {@code length} floats. */
  public static NativeFloats zeros(int length) {
    NativeFloats f = new NativeFloats(length);
    f.fill(0f);
    return f;
  }

  public int length() {
    return length;
  }

  /** The memory as a float buffer; absolute get/put only (its position is never moved). */
  public FloatBuffer buffer() {
    return buffer;
  }

  /** The native address of element 0. */
  long address() {
    return pointer.address();
  }

  /** A pointer to element {@code offset}, for BLAS. */
  public FloatPointer at(long offset) {
    return new FloatPointer(pointer).position(offset);
  }

  public float get(int i) {
    return buffer.get(i);
  }

  public void set(int i, float v) {
    buffer.put(i, v);
  }

  public void fill(float v) {
    for (int i = 0; i < length; i++) buffer.put(i, v);
  }

  /** Copies this block into a new Java array. */
  public float[] toArray() {
    float[] out = new float[length];
    buffer.get(0, out, 0, length);
    return out;
  }

  /** Copies a Java array into this block starting at 0. */
  public void copyFrom(float[] src) {
    if (src.length != length) throw new IllegalArgumentException("length " + src.length + " ≠ " + length);
    buffer.put(0, src, 0, length);
  }
}
