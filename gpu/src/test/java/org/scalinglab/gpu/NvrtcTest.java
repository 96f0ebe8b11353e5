package org.scalinglab.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Architecture choice and options always; the real compiler when an NVRTC is found (no GPU needed):
 * {@code $SCALINGLAB_TEST_NVRTC} (a libnvrtc.so.N), or the one {@code tools/gpu-check.sh --fetch-nvrtc}
 * unpacks into {@code build/cuda-redist/}, or the machine's own (the locator's search).
 */
class NvrtcTest {
  static Optional<Nvrtc> nvrtc() {
    String explicit = System.getenv("SCALINGLAB_TEST_NVRTC");
    if (explicit != null && !explicit.isBlank()) return Optional.of(Nvrtc.load(Path.of(explicit)));
    String root = System.getProperty("scalinglab.root", ".");
    Path redist = Path.of(root, "build/cuda-redist/libnvrtc.so.12");
    try {
      if (redist.toFile().exists()) return Optional.of(Nvrtc.load(redist));
      CudaLibraryLocator.Found f = CudaLibraryLocator.system().find(CudaLibraryLocator.Library.NVRTC, 0);
      return Optional.of(Nvrtc.load(f));
    } catch (RuntimeException ex) {
      return Optional.empty();
    }
  }

  @Test
  void architectureForTheDevice() {
    int[] nvrtc126 = {50, 52, 53, 60, 61, 62, 70, 72, 75, 80, 86, 87, 89, 90};
    assertEquals(90, Nvrtc.archFor(9, 0, nvrtc126));
    assertEquals(90, Nvrtc.archFor(10, 0, nvrtc126), "a newer GPU than NVRTC knows: the newest PTX, JIT-compiled");
    assertEquals(75, Nvrtc.archFor(7, 5, nvrtc126));
    assertEquals(86, Nvrtc.archFor(8, 6, nvrtc126));
    assertEquals(80, Nvrtc.archFor(8, 0, new int[0]));
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> Nvrtc.archFor(3, 7, new int[] {75, 90}));
    assertTrue(ex.getMessage().contains("compute capability 3.7") && ex.getMessage().contains("7.5"), ex.getMessage());
  }

  @Test
  void options() {
    assertEquals(List.of("--gpu-architecture=compute_90", "-default-device", "--std=c++17"), Nvrtc.options(90, false));
    assertEquals("--gpu-architecture=sm_90", Nvrtc.options(90, true).get(0));
    assertTrue(Nvrtc.options(90, false).stream().noneMatch(o -> o.contains("fast_math")));
    assertEquals("--fmad=false", Nvrtc.options(80, false, true).get(3));
    assertEquals(3, Nvrtc.options(80, false, false).size());
  }

  @Test
  void compilesEveryKernelResourceWithoutAGpu() {
    Optional<Nvrtc> n = nvrtc();
    assumeTrue(n.isPresent(), "no NVRTC here (tools/gpu-check.sh --fetch-nvrtc unpacks one into build/cuda-redist)");
    Nvrtc nvrtc = n.get();
    int[] v = nvrtc.version();
    assertTrue(v[0] >= 11, "NVRTC " + v[0] + "." + v[1]);
    int arch = Nvrtc.archFor(9, 0, nvrtc.supportedArchs());
    for (KernelSources.Source s : KernelSources.all()) {
      Nvrtc.Program p = nvrtc.compile(s.file(), s.text(), s.headers(), Nvrtc.options(arch, false), false);
      String ptx = new String(p.image(), StandardCharsets.UTF_8);
      assertTrue(ptx.contains(".target sm_" + arch), s.file());
      for (String k : s.kernels()) assertTrue(ptx.contains(".entry " + k), s.file() + " lacks " + k);
      assertEquals(0, p.image()[p.image().length - 1], "PTX is NUL-terminated for cuModuleLoadData");
      Nvrtc.Program cubin = nvrtc.compile(s.file(), s.text(), s.headers(), Nvrtc.options(arch, true, true), true);
      assertArrayEquals(new byte[] {0x7f, 'E', 'L', 'F'}, java.util.Arrays.copyOf(cubin.image(), 4), "a cubin is ELF");
    }
  }

  @Test
  void headersAndCompileErrors() {
    Optional<Nvrtc> n = nvrtc();
    assumeTrue(n.isPresent(), "no NVRTC here");
    Nvrtc nvrtc = n.get();
    Nvrtc.Program p = nvrtc.compile("with_header.cu", "#include \"twice.cuh\"\nextern \"C\" __global__ void k(float* x) { x[0] = twice(x[0]); }\n",
        Map.of("twice.cuh", "__device__ inline float twice(float v) { return 2.0f * v; }\n"), Nvrtc.options(75, false), false);
    assertTrue(new String(p.image(), StandardCharsets.UTF_8).contains(".entry k"));
    CudaException ex = assertThrows(CudaException.class, () -> nvrtc.compile("broken.cu",
        "extern \"C\" __global__ void k(float* x) { x[0] = undefined_thing; }\n", Map.of(), Nvrtc.options(75, false), false));
    assertTrue(ex.getMessage().startsWith("nvrtcCompileProgram(broken.cu, --gpu-architecture=compute_75"), ex.getMessage());
    assertTrue(ex.getMessage().contains("NVRTC_ERROR_COMPILATION (6)"), ex.getMessage());
    assertTrue(ex.getMessage().contains("undefined_thing"), "the compiler's log is in the message: " + ex.getMessage());
  }
}
