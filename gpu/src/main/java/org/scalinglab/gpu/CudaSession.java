package org.scalinglab.gpu;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.scalinglab.hardware.GpuUnavailableException;

/**
 * One GPU in use: the driver initialised, the device's primary context current on this thread, one
 * stream, and the modules loaded into it. Closing unloads the modules and releases the context.
 * Buffers are the caller's to close.
 */
public final class CudaSession implements AutoCloseable {
  /**
   * A device's facts.
   *
   * @param driverVersion the CUDA version the driver supports (13000 = 13.0)
   */
  public record DeviceInfo(int ordinal, String name, int ccMajor, int ccMinor, int multiprocessors,
      long totalMemoryBytes, int driverVersion) {
    public String computeCapability() {
      return ccMajor + "." + ccMinor;
    }

    public static String cudaVersion(int v) {
      return v / 1000 + "." + (v % 1000) / 10;
    }
  }

  private final CudaDriver driver;
  private final int device;
  private final DeviceInfo info;
  private final MemorySegment stream;
  private final List<MemorySegment> modules = new ArrayList<>();
  private boolean closed;

  private CudaSession(CudaDriver driver, int ordinal) {
    this.driver = driver;
    this.device = driver.device(ordinal);
    this.info = describe(driver, ordinal);
    driver.retainPrimaryContext(device);
    this.stream = driver.streamCreate();
  }

  /**
   * Initialises the driver and opens device {@code ordinal}.
   *
   * @throws GpuUnavailableException when the driver finds no device (one line)
   */
  public static CudaSession open(CudaDriver driver, int ordinal) {
    initOrExplain(driver);
    int n = driver.deviceCount();
    if (n == 0) throw new GpuUnavailableException("no CUDA device: the NVIDIA driver (" + driver.path() + ") sees no GPU");
    if (ordinal < 0 || ordinal >= n) {
      throw new GpuUnavailableException("no CUDA device " + ordinal + ": the driver sees " + n + " (0 to " + (n - 1) + ")");
    }
    return new CudaSession(driver, ordinal);
  }

  /** cuInit; a failure (no device, a driver/kernel-module mismatch) as one line. */
  static void initOrExplain(CudaDriver driver) {
    try {
      driver.init();
    } catch (CudaException ex) {
      throw new GpuUnavailableException("no usable CUDA device: " + ex.getMessage(), ex);
    }
  }

  /** The facts of device {@code ordinal} (the driver initialised). */
  static DeviceInfo describe(CudaDriver driver, int ordinal) {
    int d = driver.device(ordinal);
    return new DeviceInfo(ordinal, driver.deviceName(d),
        driver.attribute(d, CudaDriver.ATTR_COMPUTE_CAPABILITY_MAJOR),
        driver.attribute(d, CudaDriver.ATTR_COMPUTE_CAPABILITY_MINOR),
        driver.attribute(d, CudaDriver.ATTR_MULTIPROCESSOR_COUNT),
        driver.totalMemory(d), driver.driverVersion());
  }

  public CudaDriver driver() {
    return driver;
  }

  public DeviceInfo info() {
    return info;
  }

  public MemorySegment stream() {
    return stream;
  }

  public DeviceBuffer alloc(long bytes) {
    return new DeviceBuffer(driver, bytes);
  }

  public DeviceBuffer allocFloats(long count) {
    return alloc(count * Float.BYTES);
  }

  public DeviceBuffer upload(float[] data) {
    DeviceBuffer b = allocFloats(data.length);
    try {
      return b.upload(data);
    } catch (RuntimeException ex) {
      b.close();
      throw ex;
    }
  }

  /** A loaded module (PTX is JIT-compiled by the driver here, for this device). */
  public final class Module {
    private final MemorySegment handle;

    private Module(MemorySegment handle) {
      this.handle = handle;
    }

    public MemorySegment function(String name) {
      return driver.moduleGetFunction(handle, name);
    }
  }

  public Module load(Nvrtc.Program program) {
    MemorySegment m = driver.moduleLoadData(program.image());
    modules.add(m);
    return new Module(m);
  }

  /** Launches {@code function} on the session's stream (asynchronously); arguments as in {@link KernelArgs}. */
  public void launch(String name, MemorySegment function, int gx, int gy, int gz, int bx, int by, int bz,
      int sharedBytes, Object... args) {
    try (Arena a = Arena.ofConfined()) {
      driver.launchKernel(name, function, gx, gy, gz, bx, by, bz, sharedBytes, stream, KernelArgs.pack(a, args));
    }
  }

  public void synchronize() {
    driver.streamSynchronize(stream);
  }

  /** Milliseconds that {@code work} (enqueued on the session's stream) takes on the GPU, by two events. */
  public double timeMillis(Runnable work) {
    MemorySegment start = driver.eventCreate(), end = driver.eventCreate();
    try {
      driver.eventRecord(start, stream);
      work.run();
      driver.eventRecord(end, stream);
      driver.eventSynchronize(end);
      return driver.eventElapsedMillis(start, end);
    } finally {
      driver.eventDestroy(start);
      driver.eventDestroy(end);
    }
  }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    RuntimeException first = null;
    try {
      driver.streamSynchronize(stream);
      for (MemorySegment m : modules) driver.moduleUnload(m);
      driver.streamDestroy(stream);
    } catch (RuntimeException ex) {
      first = ex;
    }
    driver.releasePrimaryContext(device);
    if (first != null) throw first;
  }
}
