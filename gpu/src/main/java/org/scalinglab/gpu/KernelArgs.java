package org.scalinglab.gpu;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * cuLaunchKernel's {@code kernelParams}: an array of pointers, the i-th pointing at the value of the
 * kernel's i-th parameter. Values by their Java type: a {@link DeviceBuffer} is a pointer parameter
 * ({@code float*}: its 64-bit device address), {@code Integer} an {@code int}, {@code Float} a
 * {@code float}, {@code Double} a {@code double}, {@code Long} a 64-bit integer ({@code long long}, {@code size_t}). The driver copies
 * the values at launch, so the arena may close right after.
 */
final class KernelArgs {
  private KernelArgs() {}

  static MemorySegment pack(Arena arena, Object... args) {
    MemorySegment params = arena.allocate(ADDRESS, Math.max(1, args.length));
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      MemorySegment value;
      if (a instanceof DeviceBuffer b) {
        value = arena.allocateFrom(JAVA_LONG, b.address());
      } else if (a instanceof Integer v) {
        value = arena.allocateFrom(JAVA_INT, v);
      } else if (a instanceof Float v) {
        value = arena.allocateFrom(JAVA_FLOAT, v);
      } else if (a instanceof Double v) {
        value = arena.allocateFrom(JAVA_DOUBLE, v);
      } else if (a instanceof Long v) {
        value = arena.allocateFrom(JAVA_LONG, v);
      } else {
        throw new IllegalArgumentException("kernel argument " + i + ": unsupported type "
            + (a == null ? "null" : a.getClass().getSimpleName()) + " (DeviceBuffer, Integer, Float, Double or Long)");
      }
      params.setAtIndex(ADDRESS, i, value);
    }
    return params;
  }
}
