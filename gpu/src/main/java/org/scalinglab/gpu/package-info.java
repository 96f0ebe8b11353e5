/**
 * The CUDA backend: the driver API ({@code libcuda.so.1}), NVRTC and cuBLAS called through the JDK's
 * Foreign Function &amp; Memory API ({@code java.lang.foreign}, final since JDK 22), with no binding jar.
 * This module needs JDK 22+ and is built only there (the root pom's {@code gpu} profile); the library
 * (Java 17) finds it as a {@link org.scalinglab.hardware.GpuBackend} service and never links to it.
 *
 * <ul>
 *   <li>{@link org.scalinglab.gpu.CudaLibraryLocator}: where the libraries are (CUDA_HOME,
 *       /usr/local/cuda, LD_LIBRARY_PATH, the nvidia/&#42;/lib folders of PyTorch's pip packages, conda);
 *   <li>{@link org.scalinglab.gpu.CudaDriver}, {@link org.scalinglab.gpu.Nvrtc},
 *       {@link org.scalinglab.gpu.Cublas}: the downcalls, every status checked
 *       ({@link org.scalinglab.gpu.CudaException});
 *   <li>{@link org.scalinglab.gpu.CudaSession}: one device's context, stream, buffers, modules, launches;
 *   <li>{@link org.scalinglab.gpu.KernelSources}: the project's {@code .cu} resources, compiled at run time;
 *   <li>{@link org.scalinglab.gpu.GemmMapping}: row-major products on column-major cuBLAS;
 *   <li>{@link org.scalinglab.gpu.CudaGpuDevice}: lib's {@link org.scalinglab.hardware.GpuDevice} on CUDA, on which
 *       {@link org.scalinglab.hardware.GpuTransformer} trains;
 *   <li>{@link org.scalinglab.gpu.GpuCheck}: the check {@code tools/gpu-check.sh} runs on a GPU machine.
 * </ul>
 */
package org.scalinglab.gpu;
