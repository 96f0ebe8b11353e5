package org.scalinglab.gpu;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scalinglab.hardware.GpuDevice;
import org.scalinglab.hardware.GpuKernel;
import org.junit.jupiter.api.io.TempDir;
import org.scalinglab.hardware.GpuUnavailableException;

/**
 * The driver bindings against a stand-in {@code libcuda.so.1} (src/test/c/fake_libcuda.c, compiled
 * here with gcc; skipped without it): memory, modules, launches with their argument layout (the
 * stand-in computes the matmul kernels' product from the kernelParams as the kernel reads them),
 * events, every status turned into its message, and the whole GpuCheck in a child JVM.
 */
class FakeDriverTest {
  static Path fake;

  @BeforeAll
  static void compileTheStandIn() throws Exception {
    Path src = Path.of(System.getProperty("scalinglab.root", "."), "gpu/src/test/c/fake_libcuda.c");
    Path dir = Path.of(System.getProperty("scalinglab.root", "."), "gpu/target/fake-cuda");
    Files.createDirectories(dir);
    Path lib = dir.resolve("libcuda.so.1");
    try {
      Process p = new ProcessBuilder("gcc", "-shared", "-fPIC", "-O1", "-o", lib.toString(), src.toString())
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) fake = lib;
      else System.err.println("fake libcuda did not compile: " + out);
    } catch (java.io.IOException ex) {
      fake = null;  // no gcc
    }
  }

  private static CudaDriver driver() {
    assumeTrue(fake != null, "no gcc to build the stand-in driver");
    return CudaDriver.load(fake);
  }

  private static void setNoDevice(int v) throws Throwable {
    MethodHandle h = Linker.nativeLinker().downcallHandle(
        SymbolLookup.libraryLookup(fake, Arena.global()).find("fake_cuda_set_no_device").orElseThrow(),
        FunctionDescriptor.ofVoid(JAVA_INT));
    h.invokeExact(v);
  }

  @Test
  void deviceFactsMemoryAndEvents() {
    CudaDriver d = driver();
    try (CudaSession s = CudaSession.open(d, 0)) {
      CudaSession.DeviceInfo info = s.info();
      assertEquals("Fake GPU", info.name());
      assertEquals("9.0", info.computeCapability());
      assertEquals(132, info.multiprocessors());
      assertEquals(141L << 30, info.totalMemoryBytes());
      assertEquals("13.0", CudaSession.DeviceInfo.cudaVersion(info.driverVersion()));
      float[] x = CpuMatmul.random(1000, 7);
      try (DeviceBuffer a = s.upload(x); DeviceBuffer b = s.allocFloats(1000)) {
        assertArrayEquals(x, a.download(1000));
        b.fill(-2.5f);
        for (float f : b.download(1000)) assertEquals(-2.5f, f);
        b.copyFrom(a);
        assertArrayEquals(x, b.download(1000));
        assertThrows(IllegalArgumentException.class, () -> a.upload(new float[1001]));
      }
      double ms = s.timeMillis(() -> { });
      assertTrue(ms >= 0, "elapsed " + ms);
    }
  }

  /**
   * CudaGpuDevice on the stand-in: typed buffers zeroed, uploads and downloads at offsets, and launches whose
   * pointers are a buffer's address plus an offset in its element size, with int and double arguments (the
   * stand-in runs residual_add and the two gradient-norm kernels serially).
   */
  @Test
  void cudaGpuDevicePassesPointersWithOffsetsIntsAndDoubles() {
    CudaDriver d = driver();
    try (CudaSession s = CudaSession.open(d, 0)) {
      java.util.Map<String, CudaSession.Module> modules = new java.util.LinkedHashMap<>();
      for (String file : GpuKernel.files()) {
        StringBuilder img = new StringBuilder();
        for (GpuKernel k : GpuKernel.in(file)) img.append(".entry ").append(k.kernelName()).append('\n');
        modules.put(file, s.load(new Nvrtc.Program(file, (img + "\0").getBytes(StandardCharsets.UTF_8), false, "", List.of())));
      }
      try (CudaGpuDevice dev = new CudaGpuDevice(s, modules, null)) {
        GpuDevice.Buffer x = dev.alloc(GpuDevice.Type.FLOAT, 100), y = dev.alloc(GpuDevice.Type.FLOAT, 100);
        assertArrayEquals(new float[100], dev.downloadFloats(x.ptr(), 100), "zeroed at allocation");
        float[] xs = new float[100], ys = new float[100];
        for (int i = 0; i < 100; i++) {
          xs[i] = i;
          ys[i] = 1000 + i;
        }
        dev.upload(x.ptr(), xs);
        dev.upload(y.at(50), java.util.Arrays.copyOf(ys, 50));
        assertEquals(1003f, dev.downloadFloats(y.at(53), 1)[0]);
        dev.launch(GpuKernel.RESIDUAL_ADD, GpuKernel.RESIDUAL_ADD.rule().launch(10), x.at(90), y.at(55), 10);
        float[] back = dev.downloadFloats(x.ptr(), 100);
        assertEquals(89f, back[89]);
        assertEquals(90f + 1005f, back[90]);
        assertEquals(99f + 1014f, back[99]);
        GpuDevice.Buffer g = dev.alloc(GpuDevice.Type.FLOAT, 8), partial = dev.alloc(GpuDevice.Type.DOUBLE, GpuKernel.GRAD_NORM_BLOCKS),
            norm = dev.alloc(GpuDevice.Type.DOUBLE, 3), clip = dev.alloc(GpuDevice.Type.FLOAT, 1);
        dev.upload(g.at(5), new float[] {3f, 4f});
        dev.launch(GpuKernel.GRAD_NORM_PARTIAL, GpuKernel.GRAD_NORM_PARTIAL.rule().launch(GpuKernel.GRAD_NORM_BLOCKS),
            partial.ptr(), g.ptr(), 8);
        dev.launch(GpuKernel.GRAD_NORM_FINISH, GpuKernel.GRAD_NORM_FINISH.rule().launch(1), norm.at(2), clip.ptr(), partial.ptr(),
            GpuKernel.GRAD_NORM_BLOCKS, 2.5);
        assertEquals(5.0, dev.downloadDoubles(norm.at(2), 1)[0], 1e-12);
        assertEquals(0.0, dev.downloadDoubles(norm.ptr(), 1)[0]);
        assertEquals(0.5f, dev.downloadFloats(clip.ptr(), 1)[0], 1e-7f);
        dev.zero(x);
        assertArrayEquals(new float[100], dev.downloadFloats(x.ptr(), 100));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> dev.launch(GpuKernel.GRAD_NORM_FINISH,
            GpuKernel.GRAD_NORM_FINISH.rule().launch(1), norm.ptr(), clip.ptr(), partial.ptr(), GpuKernel.GRAD_NORM_BLOCKS, 2.5f));
        assertTrue(bad.getMessage().contains("double clip_norm"), bad.getMessage());
        assertThrows(IllegalStateException.class, () -> dev.sgemm(false, false, 2, 2, 2, 1f, x.ptr(), y.ptr(), 0f, x.ptr()));
      }
    }
  }

  @Test
  void launchPassesTheArgumentsAsTheKernelReadsThem() {
    CudaDriver d = driver();
    int M = 37, N = 29, K = 13, t = 16;
    try (CudaSession s = CudaSession.open(d, 0)) {
      CudaSession.Module m = s.load(new Nvrtc.Program("fake", ".entry matmul_tiled\0".getBytes(StandardCharsets.UTF_8),
          false, "", List.of()));
      MemorySegment fn = m.function("matmul_tiled");
      float[] a = CpuMatmul.random(M * K, 1), b = CpuMatmul.random(K * N, 2);
      try (DeviceBuffer da = s.upload(a); DeviceBuffer db = s.upload(b); DeviceBuffer dc = s.allocFloats(M * N)) {
        s.launch("matmul_tiled", fn, (N + t - 1) / t, (M + t - 1) / t, 1, t, t, 1, 0, da, db, dc, M, N, K);
        s.synchronize();
        assertTrue(CpuMatmul.relativeError(dc.download(M * N), CpuMatmul.product(a, b, M, N, K, false, false)) < 1e-6);
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
            () -> s.launch("matmul_tiled", fn, 1, 1, 1, 1, 1, 1, 0, da, "x"));
        assertTrue(bad.getMessage().contains("kernel argument 1: unsupported type String"), bad.getMessage());
      }
      CudaException missing = assertThrows(CudaException.class, () -> m.function("nope"));
      assertEquals("cuModuleGetFunction(nope) failed: CUDA_ERROR_NOT_FOUND (500): named symbol not found", missing.getMessage());
    }
  }

  @Test
  void statusesBecomeMessages() {
    CudaDriver d = driver();
    CudaException oom = assertThrows(CudaException.class, () -> d.memAlloc(1L << 40));
    assertEquals("cuMemAlloc_v2 (1099511627776 bytes) failed: CUDA_ERROR_OUT_OF_MEMORY (2): out of memory", oom.getMessage());
    CudaException inv = assertThrows(CudaException.class, () -> d.check("cuSomething", 1));
    assertEquals("cuSomething failed: CUDA_ERROR_INVALID_VALUE (1): invalid argument", inv.getMessage());
    assertEquals("cuX failed: CUDA_ERROR_LAUNCH_FAILED (719)",
        assertThrows(CudaException.class, () -> d.check("cuX", 719)).getMessage(), "names from the table when the driver has none");
  }

  @Test
  void noDeviceIsOneLine() throws Throwable {
    CudaDriver d = driver();
    setNoDevice(1);
    try {
      GpuUnavailableException ex = assertThrows(GpuUnavailableException.class, () -> CudaSession.open(d, 0));
      assertEquals("no usable CUDA device: cuInit failed: CUDA_ERROR_NO_DEVICE (100): no CUDA-capable device is detected",
          ex.getMessage());
    } finally {
      setNoDevice(0);
    }
    GpuUnavailableException bad = assertThrows(GpuUnavailableException.class, () -> CudaSession.open(d, 3));
    assertEquals("no CUDA device 3: the driver sees 1 (0 to 0)", bad.getMessage());
  }

  /** GpuCheck end to end in a child JVM on the stand-in driver, with NVRTC when one is here and no cuBLAS. */
  @Test
  void gpuCheckOnTheStandIn(@TempDir Path tmp) throws Exception {
    assumeTrue(fake != null, "no gcc to build the stand-in driver");
    Path libs = Files.createDirectories(tmp.resolve("libs"));
    Path redist = Path.of(System.getProperty("scalinglab.root", "."), "build/cuda-redist");
    boolean nvrtc = Files.exists(redist.resolve("libnvrtc.so.12"));
    if (nvrtc) {
      for (String f : new String[] {"libnvrtc.so.12", "libnvrtc-builtins.so.12.6"}) {
        if (Files.exists(redist.resolve(f))) Files.createSymbolicLink(libs.resolve(f), redist.resolve(f).toAbsolutePath());
      }
    }
    Path out = tmp.resolve("out");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        GpuCheck.class.getName(), out.toString(), "--size", "96", "--repeats", "2"));
    String cache = System.getProperty("org.bytedeco.javacpp.cachedir");
    if (cache != null) cmd.add(1, "-Dorg.bytedeco.javacpp.cachedir=" + cache); // never unpack into ~/.javacpp
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("log").toFile());
    Map<String, String> env = pb.environment();
    env.put("SCALINGLAB_LIBCUDA", fake.toString());
    env.put("SCALINGLAB_CUDA_LIBS", libs.toString());
    Process p = pb.start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "GpuCheck finished");
    String log = Files.readString(tmp.resolve("log"));
    JsonObject j = JsonParser.parseString(Files.readString(out.resolve("gpu-check.json"))).getAsJsonObject();
    Map<String, String> status = new HashMap<>();
    for (var s : j.getAsJsonArray("steps")) {
      status.put(s.getAsJsonObject().get("name").getAsString(), s.getAsJsonObject().get("status").getAsString());
    }
    assertEquals("Fake GPU", j.getAsJsonObject("probe").getAsJsonArray("devices").get(0).getAsJsonObject().get("name").getAsString());
    assertEquals("not-run", status.get("gpt-step-vs-cpu"));
    boolean cublasHere = j.getAsJsonObject("probe").getAsJsonObject("cublas").get("loaded").getAsBoolean();
    if (!nvrtc) {
      // CI: no NVRTC anywhere, so the check stops after the probe with that one line
      assumeTrue(!j.getAsJsonObject("probe").getAsJsonObject("nvrtc").get("loaded").getAsBoolean(), "an NVRTC on this machine");
      assertEquals(2, p.exitValue(), log);
      assertEquals("no-nvrtc", j.get("status").getAsString());
      assertTrue(log.contains("gpu-check: no NVRTC found: libnvrtc.so.13"), log);
      return;
    }
    assertEquals("passed", status.get("compile-kernels"), log);
    assertEquals("passed", status.get("device-memory"), log);
    assertEquals("passed", status.get("matmul-naive"), log);
    assertEquals("passed", status.get("matmul-tiled"), log);
    if (!cublasHere) {
      assertEquals(2, p.exitValue(), log);
      assertEquals("no-cublas", j.get("status").getAsString());
      assertEquals("failed", status.get("cublas-sgemm"));
    }
    assertTrue(log.contains("gpu-check: wrote "), log);
    assertTrue(new File(out.toFile(), "gpu-check.json").length() > 0);
  }
}
