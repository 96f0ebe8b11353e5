package org.scalinglab.cli;

import java.util.concurrent.Callable;
import org.scalinglab.hardware.GpuBackend;
import picocli.CommandLine.Command;

/**
 * {@code ./scalinglab gpu-info}: what the CUDA backend finds on this machine (driver, NVRTC, cuBLAS,
 * devices). The backend is the gpu module (JDK 22+), found at run time ({@link GpuBackend#load()}),
 * so this command is all the CLI knows of it. Without a driver, a device, the libraries or a JDK 22+
 * it prints one line saying which and exits with code 2.
 */
@Command(name = "gpu-info", mixinStandardHelpOptions = true,
    description = "The CUDA libraries and NVIDIA GPUs found here (the GPU path needs JDK 22+ and an NVIDIA driver).")
public final class GpuInfoCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.out.println(GpuBackend.load().describe());
    return 0;
  }
}
