package org.scalinglab.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalinglab.hardware.GpuBackend;
import org.scalinglab.hardware.GpuUnavailableException;

/** The one-line errors, and what this GPU-less machine says (skipped where a driver is installed). */
class MessagesTest {
  static boolean driverHere() {
    try {
      SymbolLookup.libraryLookup("libcuda.so.1", Arena.global());
      return true;
    } catch (IllegalArgumentException ex) {
      return false;
    }
  }

  @Test
  void statusMessages() {
    assertEquals("cuMemAlloc_v2 failed: CUDA_ERROR_OUT_OF_MEMORY (2): out of memory",
        CudaException.message("cuMemAlloc_v2", 2, "CUDA_ERROR_OUT_OF_MEMORY", "out of memory"));
    assertEquals("cublasCreate_v2 failed: CUBLAS_STATUS_NOT_INITIALIZED (1)",
        CudaException.message("cublasCreate_v2", 1, "CUBLAS_STATUS_NOT_INITIALIZED", "CUBLAS_STATUS_NOT_INITIALIZED"));
    assertEquals("cuInit failed: status (12345)", CudaException.message("cuInit", 12345, null, null));
    CudaException ex = new CudaException("cuLaunchKernel(k)", 719, "CUDA_ERROR_LAUNCH_FAILED", "unspecified launch failure");
    assertEquals(719, ex.code());
    assertEquals("cuLaunchKernel(k)", ex.call());
    assertEquals("CUDA_ERROR_UNSUPPORTED_PTX_VERSION", CudaException.DRIVER_NAMES.get(CudaException.CUDA_ERROR_UNSUPPORTED_PTX_VERSION));
    assertEquals("NVRTC_ERROR_COMPILATION", CudaException.NVRTC_NAMES.get(6));
    assertEquals("CUBLAS_STATUS_ARCH_MISMATCH", CudaException.CUBLAS_NAMES.get(8));
  }

  @Test
  void noDriverIsOneClearLine() {
    assumeFalse(driverHere(), "an NVIDIA driver is installed here");
    GpuUnavailableException ex = assertThrows(GpuUnavailableException.class, CudaDriver::load);
    assertEquals("no NVIDIA driver found: libcuda.so.1 not loadable", ex.getMessage());
    // lib finds this module as its GpuBackend service, and the CLI prints the same line
    GpuBackend backend = GpuBackend.load();
    assertInstanceOf(CudaGpuBackend.class, backend);
    GpuUnavailableException viaLib = assertThrows(GpuUnavailableException.class, backend::describe);
    assertEquals(GpuUnavailableException.NO_DRIVER, viaLib.getMessage());
  }

  @Test
  void gpuCheckWithoutDriverWritesItsJson(@TempDir Path out) throws Exception {
    assumeFalse(driverHere(), "an NVIDIA driver is installed here");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = GpuCheck.run(new String[] {out.toString(), "--size", "64"}, new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, code);
    String log = err.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("gpu-check: no NVIDIA driver found: libcuda.so.1 not loadable"), log);
    JsonObject j = JsonParser.parseString(Files.readString(out.resolve("gpu-check.json"))).getAsJsonObject();
    assertEquals("no-driver", j.get("status").getAsString());
    assertEquals(GpuUnavailableException.NO_DRIVER, j.get("message").getAsString());
    assertEquals("no-driver", j.getAsJsonObject("probe").get("status").getAsString());
    boolean notImplemented = false;
    for (var s : j.getAsJsonArray("steps")) {
      JsonObject st = s.getAsJsonObject();
      if (st.get("name").getAsString().equals("gpt-step-vs-cpu")) notImplemented = st.get("status").getAsString().equals("not-run");
    }
    assertTrue(notImplemented, "the training checks are recorded as not run");
  }

  @Test
  void badArguments() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(2, GpuCheck.run(new String[] {}, new PrintStream(err, true, StandardCharsets.UTF_8)));
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("gpu-check: error: the output folder is missing"));
  }
}
