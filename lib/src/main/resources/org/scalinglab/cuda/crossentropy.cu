/*
 * scalinglab GPU engine: the tied output head's softmax over the vocabulary and its mean
 * cross-entropy (train.TiedSoftmaxHead), fp32. The logits h.W_te^T and the products of the backward
 * pass (dh = dlogits.W_te, dW_te += dlogits^T.h) are cuBLAS GEMMs issued by the host. Per row r
 * (rows = B*T positions, V tokens), as on the CPU:
 *   p = softmax(logits[r]): max subtracted, the exponentials summed in double, 1/sum rounded to
 *       float and multiplied in;
 *   loss[r] = -log(max(p[target[r]], 1e-30)), in double from the float p;
 *   mean loss = sum(loss) / rows, in double;
 *   dlogits[r][v] = p[v] * (1/rows), minus 1/rows at v = target[r].
 * Row kernels use one 32-thread warp per row: lane l handles v = l, l+32, ...; sums and maxima are
 * combined with a __shfl_xor_sync butterfly.
 *
 * crossentropy_softmax_forward(float* probs, double* losses, const float* logits, const int* targets,
 *                              int rows, int V)
 *   probs[r][v] = p, losses[r] = loss[r] (losses: [rows] doubles). probs may be logits (in place,
 *   as the CPU engine writes the probabilities over the logits).
 *   Launch: block = 256 (8 rows), grid = ceil(rows / 8).
 *
 * crossentropy_softmax_backward(float* dlogits, const float* probs, const int* targets, int rows, int V)
 *   dlogits[r][v] = probs[r][v] * (1/rows), minus 1/rows at v = targets[r] (written; may be probs).
 *   One thread per element. Launch: block = 256, grid = ceil(rows*V / 256).
 *
 * crossentropy_softmax_forward_backward(float* dlogits, double* losses, const float* logits,
 *                                       const int* targets, int rows, int V)
 *   The two above in one pass for a training step, which needs the probabilities only for their
 *   gradient: losses as the forward kernel, dlogits as the backward kernel (the same arithmetic:
 *   p = exp(x - max) * (1/sum), then p * (1/rows) - 1/rows at the target). dlogits may be logits.
 *   Launch: block = 256 (8 rows), grid = ceil(rows / 8).
 *
 * loss_mean(double* mean, const double* losses, int rows)
 *   *mean = (sum of losses[r]) / rows, in double. A single block; thread i sums i, i+256, ... in
 *   double, then the block's sums are combined in a fixed order (deterministic).
 *   Launch: block = 256, grid = 1.
 */

/* The maximum of v over the 32 lanes of a warp, in every lane. */
static __device__ __forceinline__ float warp_max(float v) {
    for (int offset = 16; offset > 0; offset /= 2) {
        v = fmaxf(v, __shfl_xor_sync(0xffffffffu, v, offset));
    }
    return v;
}

/* The sum of v over the 32 lanes of a warp, in double, in every lane (butterfly, offsets 16 ... 1). */
static __device__ __forceinline__ double warp_sum_double(double v) {
    for (int offset = 16; offset > 0; offset /= 2) {
        v += __shfl_xor_sync(0xffffffffu, v, offset);
    }
    return v;
}

extern "C" __global__ void crossentropy_softmax_forward(float* probs, double* losses, const float* logits,
                                                        const int* targets, int rows, int V) {
    int warps = blockDim.x / 32;
    int row = blockIdx.x * warps + threadIdx.x / 32;  /* the position this thread's warp owns */
    int lane = threadIdx.x % 32;
    if (row >= rows) return;                          /* the whole warp leaves together */
    const float* x = logits + (long long)row * V;
    float* p = probs + (long long)row * V;

    float m = -3.402823466e38f;                       /* -FLT_MAX */
    for (int v = lane; v < V; v += 32) m = fmaxf(m, x[v]);
    m = warp_max(m);

    double sum = 0.0;                                 /* in double, as on the CPU */
    for (int v = lane; v < V; v += 32) {
        float e = expf(x[v] - m);
        p[v] = e;                                     /* same lane reads x[v], writes p[v]: in place is safe */
        sum += e;
    }
    float inv = (float)(1.0 / warp_sum_double(sum));
    for (int v = lane; v < V; v += 32) p[v] = p[v] * inv;

    __syncwarp();                                     /* the target's probability may be another lane's */
    if (lane == 0) losses[row] = -log((double)fmaxf(p[targets[row]], 1e-30f));
}

extern "C" __global__ void crossentropy_softmax_backward(float* dlogits, const float* probs, const int* targets,
                                                         int rows, int V) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;    /* the element (r, v) this thread writes */
    if (i >= rows * V) return;
    int r = i / V, v = i % V;
    float inv = 1.0f / (float)rows;
    float d = probs[i] * inv;
    if (v == targets[r]) d = d - inv;
    dlogits[i] = d;
}

extern "C" __global__ void crossentropy_softmax_forward_backward(float* dlogits, double* losses, const float* logits,
                                                                 const int* targets, int rows, int V) {
    int warps = blockDim.x / 32;
    int row = blockIdx.x * warps + threadIdx.x / 32;
    int lane = threadIdx.x % 32;
    if (row >= rows) return;
    const float* x = logits + (long long)row * V;
    float* d = dlogits + (long long)row * V;
    int target = targets[row];
    float invRows = 1.0f / (float)rows;

    float m = -3.402823466e38f;
    for (int v = lane; v < V; v += 32) m = fmaxf(m, x[v]);
    m = warp_max(m);

    double sum = 0.0;
    for (int v = lane; v < V; v += 32) sum += expf(x[v] - m);
    float inv = (float)(1.0 / warp_sum_double(sum));

    for (int v = lane; v < V; v += 32) {
        float p = expf(x[v] - m) * inv;               /* recomputed: the same value as in the sum */
        float g = p * invRows;
        if (v == target) {
            g = g - invRows;
            losses[row] = -log((double)fmaxf(p, 1e-30f));  /* exactly one lane owns the target */
        }
        d[v] = g;                                     /* written after this lane's own read of x[v] */
    }
}

extern "C" __global__ void loss_mean(double* mean, const double* losses, int rows) {
    __shared__ double warp_sums[32];
    int lane = threadIdx.x % 32, warp = threadIdx.x / 32, warps = blockDim.x / 32;
    double s = 0.0;
    for (int r = threadIdx.x; r < rows; r += blockDim.x) s += losses[r];
    s = warp_sum_double(s);
    if (lane == 0) warp_sums[warp] = s;
    __syncthreads();
    if (warp == 0) {
        double t = lane < warps ? warp_sums[lane] : 0.0;
        t = warp_sum_double(t);
        if (lane == 0) *mean = t / rows;
    }
}
