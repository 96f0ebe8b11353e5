package org.scalinglab.gpu;

import org.scalinglab.hardware.GpuBackend;

/** The {@link GpuBackend} service this module provides (META-INF/services); found by lib at run time. */
public final class CudaGpuBackend implements GpuBackend {
  @Override
  public String describe() {
    CudaProbe p = CudaProbe.run();
    p.requireUsable();
    return p.describe();
  }
}
