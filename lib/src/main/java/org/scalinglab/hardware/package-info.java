/**
 * The machine under the scaling laws (lecture L4, "The power of GPUs"): matrix multiplication from a
 * naive triple loop to cache-blocked tiles to OpenBLAS, measured; the analytic memory traffic of the
 * naive and the tiled product; the CUDA C kernels that do the same on a GPU (resources under
 * {@code org/scalinglab/cuda/}), with the kernels of the GPU training engine and their launch rules
 * ({@link org.scalinglab.hardware.GpuKernel}); the GPU training engine's host side
 * ({@link org.scalinglab.hardware.GpuTransformer}: the CPU engine's GPT trained through a
 * {@link org.scalinglab.hardware.GpuDevice}, on CUDA in the {@code gpu} module or on the
 * {@link org.scalinglab.hardware.EmulatedGpuDevice}, which runs the kernels' Java transcriptions,
 * {@link org.scalinglab.hardware.TranscribedCudaKernels}); a STREAM-style bandwidth measurement and the
 * roofline; and FLOPs turned into GPU-hours and money.
 *
 * <p>Teaching code: the Java kernels are written to be read next to the CUDA ones, not to compete
 * with BLAS (which they are measured against).
 */
package org.scalinglab.hardware;
