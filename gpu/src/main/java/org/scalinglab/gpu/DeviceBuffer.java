package org.scalinglab.gpu;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** Device memory from cuMemAlloc_v2, freed by {@link #close()}; fp32 copies to and from Java arrays. */
public final class DeviceBuffer implements AutoCloseable {
  private final CudaDriver driver;
  private final long address;
  private final long bytes;
  private boolean freed;

  DeviceBuffer(CudaDriver driver, long bytes) {
    this.driver = driver;
    this.bytes = bytes;
    this.address = driver.memAlloc(bytes);
  }

  /** The device address ({@code CUdeviceptr}). */
  public long address() {
    return address;
  }

  public long bytes() {
    return bytes;
  }

  public long floats() {
    return bytes / Float.BYTES;
  }

  /** Copies {@code data} to the start of this buffer (synchronous cuMemcpyHtoD_v2). */
  public DeviceBuffer upload(float[] data) {
    long n = (long) data.length * Float.BYTES;
    if (n > bytes) throw new IllegalArgumentException("upload of " + n + " bytes into a buffer of " + bytes);
    try (Arena a = Arena.ofConfined()) {
      MemorySegment host = a.allocate(n, 16);
      MemorySegment.copy(data, 0, host, JAVA_FLOAT, 0, data.length);
      driver.memcpyHtoD(address, host, n);
    }
    return this;
  }

  /** The first {@code count} floats of this buffer (synchronous cuMemcpyDtoH_v2). */
  public float[] download(int count) {
    long n = (long) count * Float.BYTES;
    if (n > bytes) throw new IllegalArgumentException("download of " + n + " bytes from a buffer of " + bytes);
    float[] out = new float[count];
    try (Arena a = Arena.ofConfined()) {
      MemorySegment host = a.allocate(n, 16);
      driver.memcpyDtoH(host, address, n);
      MemorySegment.copy(host, JAVA_FLOAT, 0, out, 0, count);
    }
    return out;
  }

  /** Sets every float of the buffer to {@code value} (cuMemsetD32_v2 with the float's bits). */
  public void fill(float value) {
    driver.memsetD32(address, Float.floatToRawIntBits(value), bytes / 4);
  }

  /** Copies all of {@code src} (no larger than this) into this buffer on the device. */
  public void copyFrom(DeviceBuffer src) {
    if (src.bytes > bytes) throw new IllegalArgumentException("copy of " + src.bytes + " bytes into " + bytes);
    driver.memcpyDtoD(address, src.address, src.bytes);
  }

  @Override
  public void close() {
    if (!freed) {
      freed = true;
      driver.memFree(address);
    }
  }
}
