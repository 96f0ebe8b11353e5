package org.scalinglab.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalinglab.hardware.CudaKernels;

class KernelSourcesTest {
  @Test
  void listsLibsKernelResources() {
    List<String> files = KernelSources.files();
    assertTrue(files.contains(CudaKernels.NAIVE) && files.contains(CudaKernels.TILED), files.toString());
    files.forEach(f -> assertTrue(f.endsWith(".cu"), f));
    assertEquals(List.of("matmul_tiled"), KernelSources.read(CudaKernels.TILED).kernels());
    assertEquals(List.of("matmul_naive"), KernelSources.read(CudaKernels.NAIVE).kernels());
  }

  /** The resource scan finds exactly the kernels lib's GpuKernel lists, file by file. */
  @Test
  void agreesWithGpuKernel() {
    for (String file : KernelSources.files()) {
      List<String> listed = org.scalinglab.hardware.GpuKernel.in(file).stream()
          .map(org.scalinglab.hardware.GpuKernel::kernelName).sorted().toList();
      if (file.startsWith("matmul_") && listed.isEmpty()) continue;  // the teaching kernels may be listed elsewhere
      assertEquals(listed, KernelSources.read(file).kernels().stream().sorted().toList(), file);
    }
  }

  @Test
  void kernelNamesFromSource() {
    String src = "/* extern \"C\" __global__ void commented(int x) */\n"
        + "// extern \"C\" __global__ void alsoCommented(int x)\n"
        + "extern \"C\" __global__ void a(float* x) {}\n"
        + "extern \"C\"\n__global__ __launch_bounds__(256) void b_2 (const float* x, int n) {}\n"
        + "__device__ float helper(float x) { return x; }\n"
        + "extern \"C\" __global__ void __launch_bounds__(128, 4) c(int n) {}\n";
    assertEquals(List.of("a", "b_2", "c"), KernelSources.kernels(src));
  }
}
