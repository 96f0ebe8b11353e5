package org.scalinglab.gpu;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NVRTC (nvrtc.h), the runtime compiler of CUDA C: source text in, PTX (or a cubin) out, with no
 * {@code nvcc} and no GPU needed for the compilation itself. {@code nvrtcProgram} is a pointer,
 * {@code nvrtcResult} an {@code int}, {@code size_t} 64-bit.
 */
public final class Nvrtc {
  private final NativeLibrary lib;
  private final MethodHandle version, createProgram, compileProgram, getProgramLogSize, getProgramLog,
      getPTXSize, getPTX, getCUBINSize, getCUBIN, destroyProgram, getErrorString, getNumSupportedArchs,
      getSupportedArchs;

  private Nvrtc(NativeLibrary lib) {
    this.lib = lib;
    FunctionDescriptor iAA = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS);
    version = lib.function(iAA, "nvrtcVersion");
    createProgram = lib.function(FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS),
        "nvrtcCreateProgram");
    compileProgram = lib.function(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS), "nvrtcCompileProgram");
    getProgramLogSize = lib.function(iAA, "nvrtcGetProgramLogSize");
    getProgramLog = lib.function(iAA, "nvrtcGetProgramLog");
    getPTXSize = lib.function(iAA, "nvrtcGetPTXSize");
    getPTX = lib.function(iAA, "nvrtcGetPTX");
    getCUBINSize = lib.optional(iAA, "nvrtcGetCUBINSize");
    getCUBIN = lib.optional(iAA, "nvrtcGetCUBIN");
    destroyProgram = lib.function(FunctionDescriptor.of(JAVA_INT, ADDRESS), "nvrtcDestroyProgram");
    getErrorString = lib.function(FunctionDescriptor.of(ADDRESS, JAVA_INT), "nvrtcGetErrorString");
    getNumSupportedArchs = lib.optional(FunctionDescriptor.of(JAVA_INT, ADDRESS), "nvrtcGetNumSupportedArchs");
    getSupportedArchs = lib.optional(FunctionDescriptor.of(JAVA_INT, ADDRESS), "nvrtcGetSupportedArchs");
  }

  /**
   * Opens NVRTC from the file the locator found, loading its builtins library
   * ({@code libnvrtc-builtins.so.M.m}) from the same folder first.
   *
   * @throws IllegalArgumentException when the loader cannot load either
   */
  public static Nvrtc load(CudaLibraryLocator.Found found) {
    found.path().flatMap(CudaLibraryLocator::nvrtcBuiltins).ifPresent(NativeLibrary::open);
    return new Nvrtc(NativeLibrary.open(found));
  }

  /** Opens NVRTC from a path (the tests). */
  public static Nvrtc load(Path path) {
    CudaLibraryLocator.nvrtcBuiltins(path).ifPresent(NativeLibrary::open);
    return new Nvrtc(NativeLibrary.open(path));
  }

  public String path() {
    return lib.name();
  }

  /** {major, minor}. */
  public int[] version() {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment major = a.allocate(JAVA_INT), minor = a.allocate(JAVA_INT);
      check("nvrtcVersion", CudaDriver.call(() -> (int) version.invokeExact(major, minor)));
      return new int[] {major.get(JAVA_INT, 0), minor.get(JAVA_INT, 0)};
    }
  }

  /** The virtual architectures this NVRTC compiles for (e.g. 75, 80, ..., 90, 100, 120); empty when it cannot say. */
  public int[] supportedArchs() {
    if (getNumSupportedArchs == null || getSupportedArchs == null) return new int[0];
    try (Arena a = Arena.ofConfined()) {
      MemorySegment n = a.allocate(JAVA_INT);
      check("nvrtcGetNumSupportedArchs", CudaDriver.call(() -> (int) getNumSupportedArchs.invokeExact(n)));
      int count = n.get(JAVA_INT, 0);
      MemorySegment archs = a.allocate(JAVA_INT, Math.max(1, count));
      check("nvrtcGetSupportedArchs", CudaDriver.call(() -> (int) getSupportedArchs.invokeExact(archs)));
      int[] out = new int[count];
      for (int i = 0; i < count; i++) out[i] = archs.getAtIndex(JAVA_INT, i);
      return out;
    }
  }

  /**
   * The architecture to compile for on a device of compute capability {@code major.minor}: its own
   * ({@code 9.0} → 90) when NVRTC supports it, else the newest supported one below it (the driver
   * JIT-compiles older PTX for newer GPUs).
   *
   * @param supported NVRTC's architectures; empty: assume the device's own
   * @throws IllegalArgumentException when NVRTC supports nothing at or below the device
   */
  public static int archFor(int major, int minor, int[] supported) {
    int want = major * 10 + minor;
    if (supported.length == 0) return want;
    int best = -1;
    for (int a : supported) if (a <= want && a > best) best = a;
    if (best < 0) {
      int lowest = Integer.MAX_VALUE;
      for (int a : supported) lowest = Math.min(lowest, a);
      throw new IllegalArgumentException("this NVRTC cannot compile for compute capability " + major + "." + minor
          + " (its oldest architecture is " + lowest / 10 + "." + lowest % 10 + ")");
    }
    return best;
  }

  /**
   * The options the project compiles with: the architecture ({@code --gpu-architecture=compute_XY} for
   * PTX, {@code sm_XY} for a cubin), {@code -default-device} (functions without qualifiers are device
   * functions) and fp32 arithmetic as written ({@code -use_fast_math} off, the default: division,
   * square roots and denormals IEEE, no approximate {@code expf}/{@code tanhf}), so the kernels match
   * the CPU engine within rounding.
   */
  public static List<String> options(int arch, boolean cubin) {
    List<String> out = new ArrayList<>();
    out.add("--gpu-architecture=" + (cubin ? "sm_" : "compute_") + arch);
    out.add("-default-device");
    out.add("--std=c++17");
    return out;
  }

  /**
   * {@link #options(int, boolean)} plus {@code --fmad=false} when {@code exactMultiplyAdd}: no fused
   * multiply-adds, so each product is rounded before it is added, as in the CPU engine's Java
   * arithmetic (the closest agreement; the kernels' own guidance in lib's {@code hardware.GpuKernel}).
   */
  public static List<String> options(int arch, boolean cubin, boolean exactMultiplyAdd) {
    List<String> out = options(arch, cubin);
    if (exactMultiplyAdd) out.add("--fmad=false");
    return out;
  }

  /**
   * A compiled program.
   *
   * @param image PTX text (NUL-terminated, as cuModuleLoadData wants it) or cubin bytes
   * @param cubin whether {@code image} is a cubin
   * @param log NVRTC's log (warnings), empty when none
   * @param options the options it was compiled with
   */
  public record Program(String name, byte[] image, boolean cubin, String log, List<String> options) {}

  /**
   * Compiles {@code source} ({@code name} is used in messages and as the file name NVRTC reports).
   *
   * @param headers files {@code #include "..."} may name: include name → source
   * @throws CudaException with NVRTC's log in the message when compilation fails
   */
  public Program compile(String name, String source, Map<String, String> headers, List<String> options, boolean cubin) {
    if (cubin && (getCUBIN == null || getCUBINSize == null)) {
      throw new IllegalStateException("this NVRTC (" + lib.name() + ") cannot emit cubins (nvrtcGetCUBIN needs CUDA 11.1+)");
    }
    Map<String, String> hs = headers == null ? Map.of() : new LinkedHashMap<>(headers);
    try (Arena a = Arena.ofConfined()) {
      MemorySegment progOut = a.allocate(ADDRESS);
      MemorySegment src = a.allocateFrom(source);
      MemorySegment cname = a.allocateFrom(name);
      MemorySegment hdrSrc = MemorySegment.NULL, hdrNames = MemorySegment.NULL;
      if (!hs.isEmpty()) {
        hdrSrc = a.allocate(ADDRESS, hs.size());
        hdrNames = a.allocate(ADDRESS, hs.size());
        int i = 0;
        for (Map.Entry<String, String> e : hs.entrySet()) {
          hdrNames.setAtIndex(ADDRESS, i, a.allocateFrom(e.getKey()));
          hdrSrc.setAtIndex(ADDRESS, i, a.allocateFrom(e.getValue()));
          i++;
        }
      }
      MemorySegment hSrc = hdrSrc, hNames = hdrNames;
      int nh = hs.size();
      check("nvrtcCreateProgram(" + name + ")",
          CudaDriver.call(() -> (int) createProgram.invokeExact(progOut, src, cname, nh, hSrc, hNames)));
      MemorySegment prog = progOut.get(ADDRESS, 0);
      try {
        MemorySegment opts = a.allocate(ADDRESS, Math.max(1, options.size()));
        for (int i = 0; i < options.size(); i++) opts.setAtIndex(ADDRESS, i, a.allocateFrom(options.get(i)));
        int no = options.size();
        int r = CudaDriver.call(() -> (int) compileProgram.invokeExact(prog, no, opts));
        String log = log(a, prog);
        if (r != 0) {
          throw new CudaException("nvrtcCompileProgram(" + name + ", " + String.join(" ", options) + ")", r,
              errorName(r), log.isBlank() ? null : "\n" + log.strip());
        }
        MethodHandle sizeFn = cubin ? getCUBINSize : getPTXSize, getFn = cubin ? getCUBIN : getPTX;
        String what = cubin ? "nvrtcGetCUBIN" : "nvrtcGetPTX";
        MemorySegment size = a.allocate(JAVA_LONG);
        check(what + "Size", CudaDriver.call(() -> (int) sizeFn.invokeExact(prog, size)));
        long n = size.get(JAVA_LONG, 0);
        MemorySegment buf = a.allocate(Math.max(1, n));
        check(what, CudaDriver.call(() -> (int) getFn.invokeExact(prog, buf)));
        byte[] image = buf.asSlice(0, n).toArray(JAVA_BYTE);
        return new Program(name, image, cubin, log, List.copyOf(options));
      } finally {
        MemorySegment p = a.allocate(ADDRESS);
        p.set(ADDRESS, 0, prog);
        CudaDriver.call(() -> (int) destroyProgram.invokeExact(p));
      }
    }
  }

  private String log(Arena a, MemorySegment prog) {
    MemorySegment size = a.allocate(JAVA_LONG);
    if (CudaDriver.call(() -> (int) getProgramLogSize.invokeExact(prog, size)) != 0) return "";
    long n = size.get(JAVA_LONG, 0);
    if (n <= 1) return "";
    MemorySegment buf = a.allocate(n);
    if (CudaDriver.call(() -> (int) getProgramLog.invokeExact(prog, buf)) != 0) return "";
    return buf.getString(0);
  }

  /** nvrtcGetErrorString (which gives the enum's name), else nvrtc.h's table. */
  public String errorName(int result) {
    try {
      String s = NativeLibrary.cString((MemorySegment) getErrorString.invokeExact(result));
      if (s != null) return s;
    } catch (Throwable t) {
      // fall back to the table
    }
    return CudaException.NVRTC_NAMES.get(result);
  }

  private void check(String call, int result) {
    if (result != 0) throw new CudaException(call, result, errorName(result), null);
  }
}
