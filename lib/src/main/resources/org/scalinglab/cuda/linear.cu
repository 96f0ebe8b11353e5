/*
 * scalinglab GPU engine: the bias parts of a linear layer y = x.W + b (train.Kernels.linearForward,
 * linearBackward, biasBackward), fp32, row-major, W[in][out]. The products themselves (x.W, dy.W^T,
 * x^T.dy) are cuBLAS GEMMs issued by the host; the CPU engine's order is kept: the output rows are
 * first filled with the bias, then the GEMM adds x.W into them (beta = 1).
 *
 * Column sums (the bias gradient, and LayerNorm's parameter gradients) are taken in two stages so
 * that they are deterministic without atomics: column_sums_partial sums each chunk of chunk_rows
 * rows per column, column_sums_finish adds the chunks' sums, in chunk order, into the gradient.
 *
 * bias_broadcast(float* out, const float* bias, int rows, int width)
 *   out[r][j] = bias[j] (written). One thread per element.
 *   Launch: block = 256, grid = ceil(rows*width / 256).
 *
 * column_sums_partial(float* partial, const float* d, int rows, int width, int chunk_rows)
 *   partial[k][j] = sum of d[r][j] over the rows of chunk k (k*chunk_rows .. min(rows,
 *   (k+1)*chunk_rows) - 1, in order); partial is [chunks][width], chunks = ceil(rows / chunk_rows).
 *   One thread per (chunk, column). Launch: block = 256, grid = (ceil(width / 256), chunks).
 *
 * column_sums_finish(float* g, const float* partial, int chunks, int width)
 *   g[j] += partial[0][j] + partial[1][j] + ... (added into g one chunk at a time, in order).
 *   One thread per column. Launch: block = 256, grid = ceil(width / 256).
 */

extern "C" __global__ void bias_broadcast(float* out, const float* bias, int rows, int width) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;   /* the element of out this thread writes */
    if (i >= rows * width) return;
    out[i] = bias[i % width];
}

extern "C" __global__ void column_sums_partial(float* partial, const float* d, int rows, int width, int chunk_rows) {
    int j = blockIdx.x * blockDim.x + threadIdx.x;   /* this thread's column */
    int k = blockIdx.y;                              /* and chunk of rows */
    if (j >= width) return;
    int begin = k * chunk_rows;
    int end = min(rows, begin + chunk_rows);
    float s = 0.0f;
    for (int r = begin; r < end; r++) {
        s += d[(long long)r * width + j];            /* neighbouring threads read neighbouring columns */
    }
    partial[(long long)k * width + j] = s;
}

extern "C" __global__ void column_sums_finish(float* g, const float* partial, int chunks, int width) {
    int j = blockIdx.x * blockDim.x + threadIdx.x;   /* this thread's column */
    if (j >= width) return;
    float acc = g[j];
    for (int k = 0; k < chunks; k++) {
        acc += partial[(long long)k * width + j];
    }
    g[j] = acc;
}
