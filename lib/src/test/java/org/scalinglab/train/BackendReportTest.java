package org.scalinglab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BackendReportTest {
  static final String HOPPER = "the ND4J 1.0.0-M2.1 CUDA backend has kernels for compute capability 3.7–8.6 (runs on 8.9) "
      + "and no PTX, so it cannot run on this GPU; use the CPU build (default)";

  @Test
  void computeCapabilitiesTheCudaBackendRunsOn() {
    int[][] ok = {{3, 7}, {5, 0}, {5, 2}, {6, 1}, {7, 0}, {7, 5}, {8, 0}, {8, 6}, {8, 9}};
    for (int[] cc : ok) assertTrue(BackendReport.cudaSupport(cc[0], cc[1]).supported(), cc[0] + "." + cc[1]);
  }

  @Test
  void hopperAndNewerGetTheExactMessage() {
    for (int[] cc : new int[][] {{9, 0}, {10, 0}, {12, 0}}) {
      BackendReport.CudaSupport s = BackendReport.cudaSupport(cc[0], cc[1]);
      assertFalse(s.supported());
      assertEquals(HOPPER, s.message());
    }
  }

  @Test
  void tooOldGpusAreRejected() {
    assertFalse(BackendReport.cudaSupport(3, 5).supported());
    assertFalse(BackendReport.cudaSupport(2, 1).supported());
    assertThrows(IllegalArgumentException.class, () -> BackendReport.cudaSupport(-1, 0));
  }

  @Test
  void parsesNvidiaSmiOutput() {
    List<BackendReport.Gpu> g = BackendReport.parseNvidiaSmi("NVIDIA H100 80GB HBM3, 9.0\nNVIDIA A100-SXM4-40GB, 8.0\n\ngarbage\n");
    assertEquals(List.of(new BackendReport.Gpu("NVIDIA H100 80GB HBM3", 9, 0), new BackendReport.Gpu("NVIDIA A100-SXM4-40GB", 8, 0)), g);
  }

  @Test
  void theDefaultBuildRunsOnTheCpuBackend() {
    assertFalse(BackendReport.cudaBackendPresent(), "the default build must not have the CUDA backend");
    assertNull(BackendReport.unsupportedGpuMessage());
    BackendReport r = BackendReport.detect();
    assertFalse(r.isCuda());
    assertTrue(r.gpus().isEmpty());
    assertTrue(r.line().startsWith("backend: ND4J CPU"), r.line());
  }
}
