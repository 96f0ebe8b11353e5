package org.scalinglab.train;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A flat block of {@code float}s in native memory, owned by an ND4J {@link INDArray} (ND4J is the
 * project's tensor library), seen three ways: as the INDArray (for tests and interop, e.g. the
 * SameDiff gradient oracle), as a {@link FloatPointer} that BLAS reads and writes without copying,
 * and as a {@link FloatBuffer} that the trainer's fused element-wise Java loops read and write.
 * All three views share the same memory.
 *
 * <p>On ND4J's CUDA backend ({@code -Pcuda}) an INDArray's memory lives on the GPU and its host
 * copy is managed by ND4J, so there the block is plain host memory allocated by JavaCPP instead,
 * and {@link #array()} returns a copy: the trainer's engine is CPU-only on either backend (see
 * {@link BackendReport}).
 */
public final class NativeFloats {
  private final INDArray array; // null on the CUDA backend
  private final FloatPointer pointer;
  private final FloatBuffer buffer;
  private final int length;

  private static final boolean ON_CPU_BACKEND = !Nd4j.getBackend().getClass().getSimpleName().contains("Cublas");

  private NativeFloats(int length) {
    if (length <= 0) throw new IllegalArgumentException("a float block needs a positive length, got " + length);
    this.length = length;
    if (ON_CPU_BACKEND) {
      this.array = Nd4j.create(DataType.FLOAT, length);
      this.pointer = new FloatPointer(array.data().addressPointer());
    } else {
      this.array = null;
      this.pointer = new FloatPointer(length); // host memory, freed by JavaCPP's deallocator
    }
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

  /**
   * The owning ND4J array (a row vector of {@link #length()} floats) on the CPU backend, sharing
   * this block's memory; a copy on the CUDA backend.
   */
  public INDArray array() {
    return array != null ? array : Nd4j.createFromArray(toArray());
  }

  /** The memory as a float buffer; absolute get/put only (its position is never moved). */
  public FloatBuffer buffer() {
    return buffer;
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
