/*
 * scalinglab GPU engine: the global L2 norm of the whole gradient block and the clip scale
 * (train.AdamW.globalNorm and the first lines of AdamW.update; Pascanu et al. 2013):
 *   norm = sqrt(sum of g[i]^2), each square and the sum in double, as on the CPU;
 *   clip_scale = (clip_norm > 0 && norm > clip_norm) ? (float)(clip_norm / norm) : 1.
 * adamw_update reads clip_scale from device memory, so no copy to the host is needed between the
 * two; the host copies the norm back only when it reports it.
 * Two stages, deterministic without atomics: a FIXED number of blocks G (the host keeps G the same
 * for every call, e.g. GpuKernel.GRAD_NORM_BLOCKS = 1024, so the sum is the same on every GPU) each
 * sum a grid-stride share of the gradient, then one block adds the G partial sums.
 * Block sums: each warp combines its 32 lanes with a __shfl_xor_sync butterfly, lane 0 of each warp
 * stores its warp's sum in shared memory, and warp 0 combines those.
 *
 * grad_norm_partial(double* partial, const float* g, int n)
 *   partial[blockIdx.x] = sum of g[i]^2 over i = blockIdx.x*256 + threadIdx.x + k*G*256.
 *   Launch: block = 256, grid = G (partial has G entries).
 *
 * grad_norm_finish(double* norm, float* clip_scale, const double* partial, int blocks, double clip_norm)
 *   *norm = sqrt(sum of partial[0 .. blocks)); *clip_scale as above (clip_norm <= 0: no clipping).
 *   Launch: block = 256, grid = 1.
 */

/* The sum of v over the 32 lanes of a warp, in double, in every lane (offsets 16, 8, 4, 2, 1). */
static __device__ __forceinline__ double warp_sum_double(double v) {
    for (int offset = 16; offset > 0; offset /= 2) {
        v += __shfl_xor_sync(0xffffffffu, v, offset);
    }
    return v;
}

/* The sum of v over the block, returned in thread 0 (blockDim.x a multiple of 32, at most 1024). */
static __device__ __forceinline__ double block_sum_double(double v) {
    __shared__ double warp_sums[32];
    int lane = threadIdx.x % 32, warp = threadIdx.x / 32, warps = blockDim.x / 32;
    v = warp_sum_double(v);
    if (lane == 0) warp_sums[warp] = v;
    __syncthreads();
    double t = 0.0;
    if (warp == 0) {
        t = lane < warps ? warp_sums[lane] : 0.0;
        t = warp_sum_double(t);
    }
    return t;
}

extern "C" __global__ void grad_norm_partial(double* partial, const float* g, int n) {
    double s = 0.0;
    int stride = gridDim.x * blockDim.x;
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
        double x = g[i];
        s += x * x;
    }
    s = block_sum_double(s);
    if (threadIdx.x == 0) partial[blockIdx.x] = s;
}

extern "C" __global__ void grad_norm_finish(double* norm, float* clip_scale, const double* partial, int blocks,
                                           double clip_norm) {
    double s = 0.0;
    for (int i = threadIdx.x; i < blocks; i += blockDim.x) s += partial[i];
    s = block_sum_double(s);
    if (threadIdx.x == 0) {
        double total = sqrt(s);
        *norm = total;
        *clip_scale = clip_norm > 0.0 && total > clip_norm ? (float)(clip_norm / total) : 1.0f;
    }
}
