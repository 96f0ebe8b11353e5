package org.scalinglab.gpu;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import org.scalinglab.hardware.GpuUnavailableException;

/**
 * The CUDA driver API ({@code libcuda.so.1}, cuda.h) through downcalls. Types as the ABI sees them on
 * x86-64 Linux: {@code CUresult}, {@code CUdevice} and enums are {@code int}; {@code CUdeviceptr} and
 * {@code size_t} are 64-bit ({@code long}); contexts, modules, functions, streams and events are
 * pointers ({@link MemorySegment}). Functions whose cuda.h name maps to a {@code _v2} symbol are bound
 * by that symbol ({@code cuMemAlloc} is {@code cuMemAlloc_v2}: the unversioned symbols are the old
 * 32-bit ABI). Every call's status is checked ({@link #check}).
 */
public final class CudaDriver {
  /** cuDeviceGetAttribute's attributes (CUdevice_attribute in cuda.h). */
  public static final int ATTR_MAX_THREADS_PER_BLOCK = 1;
  public static final int ATTR_MAX_SHARED_MEMORY_PER_BLOCK = 8;
  public static final int ATTR_MULTIPROCESSOR_COUNT = 16;
  public static final int ATTR_COMPUTE_CAPABILITY_MAJOR = 75;
  public static final int ATTR_COMPUTE_CAPABILITY_MINOR = 76;

  private static final FunctionDescriptor I_I = FunctionDescriptor.of(JAVA_INT, JAVA_INT);
  private static final FunctionDescriptor I_A = FunctionDescriptor.of(JAVA_INT, ADDRESS);
  private static final FunctionDescriptor I_L = FunctionDescriptor.of(JAVA_INT, JAVA_LONG);
  private static final FunctionDescriptor I_AI = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT);
  private static final FunctionDescriptor I_AA = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS);

  private final NativeLibrary lib;
  private final MethodHandle cuInit, cuDriverGetVersion, cuDeviceGetCount, cuDeviceGet, cuDeviceGetName,
      cuDeviceGetAttribute, cuDeviceTotalMem, cuDevicePrimaryCtxRetain, cuDevicePrimaryCtxRelease,
      cuCtxSetCurrent, cuCtxSynchronize, cuMemAlloc, cuMemFree, cuMemcpyHtoD, cuMemcpyDtoH, cuMemcpyDtoD,
      cuMemsetD32, cuModuleLoadData, cuModuleUnload, cuModuleGetFunction, cuLaunchKernel, cuStreamCreate,
      cuStreamSynchronize, cuStreamDestroy, cuEventCreate, cuEventRecord, cuEventSynchronize,
      cuEventElapsedTime, cuEventDestroy, cuGetErrorString, cuGetErrorName;

  private CudaDriver(NativeLibrary lib) {
    this.lib = lib;
    cuInit = lib.function(I_I, "cuInit");
    cuDriverGetVersion = lib.function(I_A, "cuDriverGetVersion");
    cuDeviceGetCount = lib.function(I_A, "cuDeviceGetCount");
    cuDeviceGet = lib.function(I_AI, "cuDeviceGet");
    cuDeviceGetName = lib.function(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), "cuDeviceGetName");
    cuDeviceGetAttribute = lib.function(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), "cuDeviceGetAttribute");
    cuDeviceTotalMem = lib.function(I_AI, "cuDeviceTotalMem_v2");
    cuDevicePrimaryCtxRetain = lib.function(I_AI, "cuDevicePrimaryCtxRetain");
    cuDevicePrimaryCtxRelease = lib.function(I_I, "cuDevicePrimaryCtxRelease_v2", "cuDevicePrimaryCtxRelease");
    cuCtxSetCurrent = lib.function(I_A, "cuCtxSetCurrent");
    cuCtxSynchronize = lib.optional(FunctionDescriptor.of(JAVA_INT), "cuCtxSynchronize");
    cuMemAlloc = lib.function(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG), "cuMemAlloc_v2");
    cuMemFree = lib.function(I_L, "cuMemFree_v2");
    cuMemcpyHtoD = lib.function(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS, JAVA_LONG), "cuMemcpyHtoD_v2");
    cuMemcpyDtoH = lib.function(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG), "cuMemcpyDtoH_v2");
    cuMemcpyDtoD = lib.function(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG), "cuMemcpyDtoD_v2");
    cuMemsetD32 = lib.function(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG), "cuMemsetD32_v2");
    cuModuleLoadData = lib.function(I_AA, "cuModuleLoadData");
    cuModuleUnload = lib.function(I_A, "cuModuleUnload");
    cuModuleGetFunction = lib.function(FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS), "cuModuleGetFunction");
    cuLaunchKernel = lib.function(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT,
        JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS), "cuLaunchKernel");
    cuStreamCreate = lib.function(I_AI, "cuStreamCreate");
    cuStreamSynchronize = lib.function(I_A, "cuStreamSynchronize");
    cuStreamDestroy = lib.function(I_A, "cuStreamDestroy_v2", "cuStreamDestroy");
    cuEventCreate = lib.function(I_AI, "cuEventCreate");
    cuEventRecord = lib.function(I_AA, "cuEventRecord");
    cuEventSynchronize = lib.function(I_A, "cuEventSynchronize");
    cuEventElapsedTime = lib.function(FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS),
        "cuEventElapsedTime", "cuEventElapsedTime_v2");
    cuEventDestroy = lib.function(I_A, "cuEventDestroy_v2", "cuEventDestroy");
    cuGetErrorString = lib.optional(FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS), "cuGetErrorString");
    cuGetErrorName = lib.optional(FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS), "cuGetErrorName");
  }

  /** Where drivers put libcuda.so.1 when it is not on the loader's path (containers, WSL). */
  static final String[] DRIVER_DIRS = {"/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/local/nvidia/lib64",
      "/usr/local/nvidia/lib", "/usr/lib/wsl/lib", "/run/opengl-driver/lib"};

  /**
   * Opens the driver: {@code $SCALINGLAB_LIBCUDA} when set (a path; the tests use a stand-in), else
   * {@code libcuda.so.1} through the system loader (the driver installs it in the loader's path), else
   * from the folders where containers and WSL mount it ({@link #DRIVER_DIRS}).
   *
   * @throws GpuUnavailableException {@value GpuUnavailableException#NO_DRIVER} when it cannot be loaded
   */
  public static CudaDriver load() {
    String override = System.getenv("SCALINGLAB_LIBCUDA");
    NativeLibrary lib = null;
    IllegalArgumentException failure = null;
    try {
      lib = override != null && !override.isBlank()
          ? NativeLibrary.open(Path.of(override)) : NativeLibrary.open(CudaLibraryLocator.DRIVER_SONAME);
    } catch (IllegalArgumentException ex) {
      failure = ex;
      if (override == null || override.isBlank()) {
        for (String dir : DRIVER_DIRS) {
          Path p = Path.of(dir, CudaLibraryLocator.DRIVER_SONAME);
          if (!java.nio.file.Files.exists(p)) continue;
          try {
            lib = NativeLibrary.open(p);
            break;
          } catch (IllegalArgumentException again) {
            failure = again;
          }
        }
      }
    }
    if (lib == null) throw new GpuUnavailableException(GpuUnavailableException.NO_DRIVER, failure);
    try {
      return new CudaDriver(lib);
    } catch (IllegalStateException ex) {
      throw new GpuUnavailableException("the NVIDIA driver's " + lib.name() + " lacks a function this backend "
          + "calls (a driver older than CUDA 11?): " + ex.getMessage(), ex);
    }
  }

  /** Opens a driver library by path (the tests' stand-in). */
  static CudaDriver load(Path path) {
    return new CudaDriver(NativeLibrary.open(path));
  }

  public String path() {
    return lib.name();
  }

  /** Throws a {@link CudaException} naming {@code call} unless {@code result} is CUDA_SUCCESS (0). */
  public void check(String call, int result) {
    if (result == 0) return;
    throw new CudaException(call, result, errorName(result), errorString(result));
  }

  /** cuGetErrorName, or the name from cuda.h's table; null when unknown. */
  public String errorName(int result) {
    String s = errorText(cuGetErrorName, result);
    return s != null ? s : CudaException.DRIVER_NAMES.get(result);
  }

  /** cuGetErrorString: the driver's description of a status; null when unknown. */
  public String errorString(int result) {
    return errorText(cuGetErrorString, result);
  }

  private static String errorText(MethodHandle h, int result) {
    if (h == null) return null;
    try (Arena a = Arena.ofConfined()) {
      MemorySegment out = a.allocate(ADDRESS);
      int r = (int) h.invokeExact(result, out);
      return r == 0 ? NativeLibrary.cString(out.get(ADDRESS, 0)) : null;
    } catch (Throwable t) {
      return null;
    }
  }

  // --------------------------------------------------------------------------------- the calls

  public void init() {
    check("cuInit", call(() -> (int) cuInit.invokeExact(0)));
  }

  /** The CUDA version the driver supports, e.g. 13000 for 13.0. */
  public int driverVersion() {
    return outInt("cuDriverGetVersion", out -> (int) cuDriverGetVersion.invokeExact(out));
  }

  public int deviceCount() {
    return outInt("cuDeviceGetCount", out -> (int) cuDeviceGetCount.invokeExact(out));
  }

  public int device(int ordinal) {
    return outInt("cuDeviceGet", out -> (int) cuDeviceGet.invokeExact(out, ordinal));
  }

  public String deviceName(int device) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment buf = a.allocate(256);
      check("cuDeviceGetName", call(() -> (int) cuDeviceGetName.invokeExact(buf, 256, device)));
      return buf.getString(0);
    }
  }

  public int attribute(int device, int attribute) {
    return outInt("cuDeviceGetAttribute", out -> (int) cuDeviceGetAttribute.invokeExact(out, attribute, device));
  }

  public long totalMemory(int device) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment out = a.allocate(JAVA_LONG);
      check("cuDeviceTotalMem_v2", call(() -> (int) cuDeviceTotalMem.invokeExact(out, device)));
      return out.get(JAVA_LONG, 0);
    }
  }

  /** Retains the device's primary context (the one the CUDA runtime, and so cuBLAS, also uses) and makes it current. */
  public MemorySegment retainPrimaryContext(int device) {
    MemorySegment ctx = outPointer("cuDevicePrimaryCtxRetain", out -> (int) cuDevicePrimaryCtxRetain.invokeExact(out, device));
    setCurrent(ctx);
    return ctx;
  }

  public void releasePrimaryContext(int device) {
    check("cuDevicePrimaryCtxRelease_v2", call(() -> (int) cuDevicePrimaryCtxRelease.invokeExact(device)));
  }

  public void setCurrent(MemorySegment ctx) {
    check("cuCtxSetCurrent", call(() -> (int) cuCtxSetCurrent.invokeExact(ctx)));
  }

  /** Waits for all work of the current context (a no-op where the driver lacks cuCtxSynchronize). */
  public void synchronize() {
    if (cuCtxSynchronize != null) check("cuCtxSynchronize", call(() -> (int) cuCtxSynchronize.invokeExact()));
  }

  /** cuMemAlloc_v2: a device address. */
  public long memAlloc(long bytes) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment out = a.allocate(JAVA_LONG);
      int r = call(() -> (int) cuMemAlloc.invokeExact(out, bytes));
      if (r != 0) {
        throw new CudaException("cuMemAlloc_v2 (" + bytes + " bytes)", r, errorName(r), errorString(r));
      }
      return out.get(JAVA_LONG, 0);
    }
  }

  public void memFree(long dptr) {
    check("cuMemFree_v2", call(() -> (int) cuMemFree.invokeExact(dptr)));
  }

  public void memcpyHtoD(long dst, MemorySegment src, long bytes) {
    check("cuMemcpyHtoD_v2", call(() -> (int) cuMemcpyHtoD.invokeExact(dst, src, bytes)));
  }

  public void memcpyDtoH(MemorySegment dst, long src, long bytes) {
    check("cuMemcpyDtoH_v2", call(() -> (int) cuMemcpyDtoH.invokeExact(dst, src, bytes)));
  }

  public void memcpyDtoD(long dst, long src, long bytes) {
    check("cuMemcpyDtoD_v2", call(() -> (int) cuMemcpyDtoD.invokeExact(dst, src, bytes)));
  }

  /** Sets {@code count} 32-bit words at {@code dst} to {@code value} (a float's bits, for floats). */
  public void memsetD32(long dst, int value, long count) {
    check("cuMemsetD32_v2", call(() -> (int) cuMemsetD32.invokeExact(dst, value, count)));
  }

  /** cuModuleLoadData: a module from PTX (NUL-terminated text, JIT-compiled by the driver) or a cubin. */
  public MemorySegment moduleLoadData(byte[] image) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment img = a.allocate(image.length + 1L);
      MemorySegment.copy(image, 0, img, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, image.length);
      MemorySegment out = a.allocate(ADDRESS);
      check("cuModuleLoadData", call(() -> (int) cuModuleLoadData.invokeExact(out, img)));
      return out.get(ADDRESS, 0);
    }
  }

  public void moduleUnload(MemorySegment module) {
    check("cuModuleUnload", call(() -> (int) cuModuleUnload.invokeExact(module)));
  }

  public MemorySegment moduleGetFunction(MemorySegment module, String name) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment out = a.allocate(ADDRESS);
      MemorySegment cname = a.allocateFrom(name);
      int r = call(() -> (int) cuModuleGetFunction.invokeExact(out, module, cname));
      if (r != 0) throw new CudaException("cuModuleGetFunction(" + name + ")", r, errorName(r), errorString(r));
      return out.get(ADDRESS, 0);
    }
  }

  /**
   * cuLaunchKernel with {@code kernelParams} (an array of pointers, one to each argument's value;
   * {@link KernelArgs}) and no {@code extra}.
   */
  public void launchKernel(String kernel, MemorySegment function, int gx, int gy, int gz, int bx, int by, int bz,
      int sharedBytes, MemorySegment stream, MemorySegment kernelParams) {
    int r = call(() -> (int) cuLaunchKernel.invokeExact(function, gx, gy, gz, bx, by, bz, sharedBytes, stream,
        kernelParams, MemorySegment.NULL));
    if (r != 0) {
      throw new CudaException("cuLaunchKernel(" + kernel + ", grid " + gx + "x" + gy + "x" + gz + ", block "
          + bx + "x" + by + "x" + bz + ")", r, errorName(r), errorString(r));
    }
  }

  public MemorySegment streamCreate() {
    return outPointer("cuStreamCreate", out -> (int) cuStreamCreate.invokeExact(out, 0));
  }

  public void streamSynchronize(MemorySegment stream) {
    check("cuStreamSynchronize", call(() -> (int) cuStreamSynchronize.invokeExact(stream)));
  }

  public void streamDestroy(MemorySegment stream) {
    check("cuStreamDestroy_v2", call(() -> (int) cuStreamDestroy.invokeExact(stream)));
  }

  public MemorySegment eventCreate() {
    return outPointer("cuEventCreate", out -> (int) cuEventCreate.invokeExact(out, 0));
  }

  public void eventRecord(MemorySegment event, MemorySegment stream) {
    check("cuEventRecord", call(() -> (int) cuEventRecord.invokeExact(event, stream)));
  }

  public void eventSynchronize(MemorySegment event) {
    check("cuEventSynchronize", call(() -> (int) cuEventSynchronize.invokeExact(event)));
  }

  /** Milliseconds between two recorded, completed events. */
  public float eventElapsedMillis(MemorySegment start, MemorySegment end) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment out = a.allocate(JAVA_FLOAT);
      check("cuEventElapsedTime", call(() -> (int) cuEventElapsedTime.invokeExact(out, start, end)));
      return out.get(JAVA_FLOAT, 0);
    }
  }

  public void eventDestroy(MemorySegment event) {
    check("cuEventDestroy_v2", call(() -> (int) cuEventDestroy.invokeExact(event)));
  }

  // ------------------------------------------------------------------------------------ helpers

  @FunctionalInterface
  interface Call {
    int run() throws Throwable;
  }

  @FunctionalInterface
  interface OutCall {
    int run(MemorySegment out) throws Throwable;
  }

  /** Runs a downcall; a Throwable from the handle itself (a binding bug) becomes an IllegalStateException. */
  static int call(Call c) {
    try {
      return c.run();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("downcall failed: " + t, t);
    }
  }

  private int outInt(String name, OutCall c) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment out = a.allocate(JAVA_INT);
      check(name, call(() -> c.run(out)));
      return out.get(JAVA_INT, 0);
    }
  }

  private MemorySegment outPointer(String name, OutCall c) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment out = a.allocate(ADDRESS);
      check(name, call(() -> c.run(out)));
      return out.get(ADDRESS, 0);
    }
  }
}
