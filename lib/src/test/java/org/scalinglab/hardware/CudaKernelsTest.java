package org.scalinglab.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

  /** Compiles both kernels to PTX for Hopper (sm_90) with nvcc when it is installed; skipped otherwise. */
  @Test
  void compileWithNvcc(@TempDir Path dir) throws Exception {
    String nvcc = findNvcc();
    Assumptions.assumeTrue(nvcc != null, "nvcc not found on PATH or in /usr/local/cuda/bin: CUDA compile check skipped");
    for (String file : new String[] {CudaKernels.NAIVE, CudaKernels.TILED}) {
      Path cu = dir.resolve(file);
      Files.writeString(cu, CudaKernels.source(file));
      Path ptx = dir.resolve(file.replace(".cu", ".ptx"));
      Process p = new ProcessBuilder(nvcc, "-ptx", "-arch=sm_90", "-o", ptx.toString(), cu.toString())
          .redirectErrorStream(true).start();
      String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "nvcc timed out on " + file);
      assertEquals(0, p.exitValue(), "nvcc failed on " + file + ":\n" + log);
      String text = Files.readString(ptx);
      String kernel = file.replace(".cu", "");
      assertTrue(text.contains(".entry " + kernel), "PTX of " + file + " has no entry " + kernel);
      if (file.equals(CudaKernels.TILED)) assertTrue(text.contains(".shared"), "tiled kernel uses shared memory");
    }
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
