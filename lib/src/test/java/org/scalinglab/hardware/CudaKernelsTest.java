package org.scalinglab.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CudaKernelsTest {

  @Test
  void sourcesHaveTheKernelsTheNotebookShows() {
    String naive = CudaKernels.source(CudaKernels.NAIVE);
    assertTrue(naive.contains("extern \"C\" __global__ void matmul_naive(const float* A, const float* B, float* C, int M, int N, int K)"));
    String tiled = CudaKernels.source(CudaKernels.TILED);
    assertTrue(tiled.contains("extern \"C\" __global__ void matmul_tiled("));
    assertTrue(tiled.contains("__shared__ float As[TILE][TILE];"));
    assertEquals(2, tiled.split("__syncthreads\\(\\);", -1).length - 1);
    assertTrue(tiled.contains("#define TILE " + CudaKernels.TILE + "\n"));
    assertTrue(CudaKernels.code(CudaKernels.TILED).startsWith("#define TILE"));
  }

  /**
   * Compiles EVERY kernel file ({@link GpuKernel#files()}) with nvcc when it is installed (skipped
   * otherwise): to cubin for sm_75 (T4), sm_80 (A100) and sm_90 (H100, H200), which runs ptxas, and
   * to PTX for sm_90, the form NVRTC hands to the driver; with {@code -Werror all-warnings} and
   * ptxas's spill and local-memory warnings, so a kernel that warns fails. Every kernel listed in
   * {@link GpuKernel} must be an {@code .entry} of its file's PTX. All files go to one nvcc call
   * per target (four calls, ≈8 s each on two cores).
   */
  @Test
  void everyKernelFileCompilesWithNvccForTuringAmpereAndHopper(@TempDir Path dir) throws Exception {
    String nvcc = findNvcc();
    Assumptions.assumeTrue(nvcc != null, "nvcc not found on PATH or in /usr/local/cuda/bin: CUDA compile check skipped");
    List<String> files = GpuKernel.files();
    for (String file : files) Files.writeString(dir.resolve(file), CudaKernels.source(file));
    String[][] targets = {{"-cubin", "sm_75"}, {"-cubin", "sm_80"}, {"-cubin", "sm_90"}, {"-ptx", "sm_90"}};
    for (String[] target : targets) {
      Path out = Files.createDirectories(dir.resolve(target[0].substring(1) + "-" + target[1]));
      List<String> cmd = new ArrayList<>(List.of(nvcc, target[0], "-arch=" + target[1], "-Werror", "all-warnings",
          "-Xptxas", "-warn-spills,-warn-lmem-usage", "-odir", out.toString()));
      for (String file : files) cmd.add(dir.resolve(file).toString());
      long t0 = System.nanoTime();
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(300, TimeUnit.SECONDS), "nvcc timed out for " + String.join(" ", target));
      assertEquals(0, p.exitValue(), "nvcc " + String.join(" ", target) + " failed:\n" + log);
      assertEquals("", log.strip(), "nvcc " + String.join(" ", target) + " printed warnings");
      long bytes = 0;
      for (String file : files) {
        Path f = out.resolve(file.replace(".cu", "-cubin".equals(target[0]) ? ".cubin" : ".ptx"));
        assertTrue(Files.size(f) > 0, "nvcc wrote no " + f.getFileName());
        bytes += Files.size(f);
      }
      System.out.printf("nvcc %s -arch=%s: %d files, %d bytes, %.1f s%n", target[0], target[1], files.size(), bytes,
          (System.nanoTime() - t0) * 1e-9);
    }
    Path ptx = dir.resolve("ptx-sm_90");
    for (GpuKernel k : GpuKernel.values()) {
      String text = Files.readString(ptx.resolve(k.file().replace(".cu", ".ptx")));
      assertTrue(text.contains(".entry " + k.kernelName() + "("), "PTX of " + k.file() + " has no entry " + k.kernelName());
    }
    assertTrue(Files.readString(ptx.resolve(CudaKernels.TILED.replace(".cu", ".ptx"))).contains(".shared"),
        "tiled kernel uses shared memory");
  }

  static String findNvcc() {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String d : path.split(File.pathSeparator)) {
        Path p = Path.of(d, "nvcc");
        if (Files.isExecutable(p)) return p.toString();
      }
    }
    Path cuda = Path.of("/usr/local/cuda/bin/nvcc");
    return Files.isExecutable(cuda) ? cuda.toString() : null;
  }
}
