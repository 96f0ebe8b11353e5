package org.scalinglab.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named tensors laid out one after another in a flat block of floats: the parameter block of a
 * model (each tensor marked decayed or not, for AdamW) or its activation block. A tensor of block
 * {@code l} is named {@code name[l]} (e.g. {@code qkvw[2]}); model-wide ones by their name
 * ({@code wte}).
 */
final class ParamLayout {
  private final Map<String, int[]> tensors = new LinkedHashMap<>(); // name → {offset, size, decayed}
  private long size;

  /** Appends a tensor of {@code n} floats; returns its offset. */
  int add(String name, long n, boolean decayed) {
    if (tensors.containsKey(name)) throw new IllegalArgumentException("tensor " + name + " laid out twice");
    long off = size;
    size += n;
    if (size > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("model too large for one float block");
    tensors.put(name, new int[] {(int) off, (int) n, decayed ? 1 : 0});
    return (int) off;
  }

  /** Appends a tensor that belongs to block (layer) {@code layer}. */
  int add(String name, int layer, long n, boolean decayed) {
    return add(name + "[" + layer + "]", n, decayed);
  }

  /** Appends an activation (not a parameter: never decayed). */
  int add(String name, long n) {
    return add(name, n, false);
  }

  int add(String name, int layer, long n) {
    return add(name, layer, n, false);
  }

  /** Offset of a model-wide tensor, or of a block's tensor when the plain name is not one. */
  int offset(String name, int layer) {
    int[] t = tensors.get(name);
    if (t == null) t = tensors.get(name + "[" + layer + "]");
    if (t == null) throw new IllegalArgumentException("no parameter named " + name + (layer >= 0 ? " in layer " + layer : ""));
    return t[0];
  }

  /** Floats in the block. */
  int size() {
    return (int) size;
  }

  /** For each float of the block, whether its tensor is decayed. */
  boolean[] decayedMask() {
    boolean[] d = new boolean[(int) size];
    for (int[] t : tensors.values()) {
      if (t[2] == 1) java.util.Arrays.fill(d, t[0], t[0] + t[1], true);
    }
    return d;
  }
}
