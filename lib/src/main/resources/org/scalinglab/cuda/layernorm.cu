/*
 * scalinglab GPU engine: LayerNorm over the C channels of each row (train.Kernels.layerNormForward
 * and layerNormBackward), eps = 1e-5, fp32. The forward pass keeps each row's mean and 1/sigma
 * (rstd) for the backward pass, as the CPU engine does:
 *   mean = sum(x)/C,  var = sum((x - mean)^2)/C,  rstd = 1/sqrt(var + 1e-5),
 *   y = (x - mean) * rstd * weight + bias,
 * with the two sums taken in double and mean and rstd rounded to float, as on the CPU.
 * Backward, with xhat = (x - mean) * rstd and dn = dy * weight:
 *   dx += rstd * (dn - mean(dn) - xhat * mean(dn * xhat))     (added into dx, as the CPU adds into
 *                                                              the residual stream's gradient)
 *   dweight += sum over rows of dy * xhat,  dbias += sum over rows of dy.
 * The parameter gradients are column sums over all rows; to stay deterministic without atomics they
 * are summed in two stages: layernorm_backward_params_partial writes one partial sum per chunk of
 * chunk_rows rows, and linear.cu's column_sums_finish adds the chunks, in chunk order, into the
 * gradient (once for dweight, once for dbias).
 *
 * Row kernels use one 32-thread warp per row: lane l handles channels l, l+32, l+64, ... and the
 * warp's sums are combined with a butterfly of __shfl_xor_sync (offsets 16, 8, 4, 2, 1), after
 * which every lane holds the row's total.
 *
 * layernorm_forward(float* out, float* mean, float* rstd, const float* inp,
 *                   const float* weight, const float* bias, int rows, int C)
 *   out, inp: [rows][C]; mean, rstd: [rows]; weight, bias: [C].
 *   Launch: block = 256 (8 warps = 8 rows), grid = ceil(rows / 8).
 *
 * layernorm_backward_dx(float* dinp, const float* dout, const float* inp, const float* mean,
 *                       const float* rstd, const float* weight, int rows, int C)
 *   dinp += the input gradient (dinp, dout, inp: [rows][C]; dinp must not be dout).
 *   Launch: block = 256 (8 rows), grid = ceil(rows / 8).
 *
 * layernorm_backward_params_partial(float* partial_dweight, float* partial_dbias,
 *                                   const float* dout, const float* inp, const float* mean,
 *                                   const float* rstd, int rows, int C, int chunk_rows)
 *   partial_dweight[k][c] = sum of dout[r][c] * xhat[r][c], partial_dbias[k][c] = sum of dout[r][c],
 *   over the rows r of chunk k (rows k*chunk_rows .. min(rows, (k+1)*chunk_rows) - 1, in order);
 *   both partial arrays are [chunks][C] with chunks = ceil(rows / chunk_rows) (written, not added).
 *   One thread per (chunk, channel). Launch: block = 256, grid = (ceil(C / 256), chunks).
 *   Then column_sums_finish(dweight, partial_dweight, chunks, C) and likewise for dbias.
 */

/* The sum of v over the 32 lanes of a warp, in every lane. */
static __device__ __forceinline__ float warp_sum(float v) {
    for (int offset = 16; offset > 0; offset /= 2) {
        v += __shfl_xor_sync(0xffffffffu, v, offset);
    }
    return v;
}

/* The same in double (the forward statistics are summed in double, as on the CPU). */
static __device__ __forceinline__ double warp_sum_double(double v) {
    for (int offset = 16; offset > 0; offset /= 2) {
        v += __shfl_xor_sync(0xffffffffu, v, offset);
    }
    return v;
}

extern "C" __global__ void layernorm_forward(float* out, float* mean, float* rstd, const float* inp,
                                             const float* weight, const float* bias, int rows, int C) {
    int warps = blockDim.x / 32;
    int row = blockIdx.x * warps + threadIdx.x / 32;  /* the row this thread's warp normalises */
    int lane = threadIdx.x % 32;
    if (row >= rows) return;                          /* the whole warp leaves together */
    const float* x = inp + (long long)row * C;
    float* y = out + (long long)row * C;

    double s = 0.0;
    for (int c = lane; c < C; c += 32) s += x[c];
    float m = (float)(warp_sum_double(s) / C);

    double v = 0.0;
    for (int c = lane; c < C; c += 32) {
        float d = x[c] - m;
        v += d * d;                                   /* float square, summed in double */
    }
    float r = (float)(1.0 / sqrt(warp_sum_double(v) / C + (double)1e-5f));

    for (int c = lane; c < C; c += 32) {
        y[c] = (x[c] - m) * r * weight[c] + bias[c];
    }
    if (lane == 0) {
        mean[row] = m;
        rstd[row] = r;
    }
}

extern "C" __global__ void layernorm_backward_dx(float* dinp, const float* dout, const float* inp, const float* mean,
                                                 const float* rstd, const float* weight, int rows, int C) {
    int warps = blockDim.x / 32;
    int row = blockIdx.x * warps + threadIdx.x / 32;
    int lane = threadIdx.x % 32;
    if (row >= rows) return;
    const float* x = inp + (long long)row * C;
    const float* dy = dout + (long long)row * C;
    float* dx = dinp + (long long)row * C;
    float m = mean[row], r = rstd[row];

    float sumD = 0.0f, sumDX = 0.0f;
    for (int c = lane; c < C; c += 32) {
        float xhat = (x[c] - m) * r;
        float dn = dy[c] * weight[c];
        sumD += dn;
        sumDX += dn * xhat;
    }
    float meanD = warp_sum(sumD) / C;
    float meanDX = warp_sum(sumDX) / C;

    for (int c = lane; c < C; c += 32) {
        float xhat = (x[c] - m) * r;
        float dn = dy[c] * weight[c];
        dx[c] = dx[c] + r * (dn - meanD - xhat * meanDX);
    }
}

extern "C" __global__ void layernorm_backward_params_partial(float* partial_dweight, float* partial_dbias,
                                                             const float* dout, const float* inp,
                                                             const float* mean, const float* rstd,
                                                             int rows, int C, int chunk_rows) {
    int c = blockIdx.x * blockDim.x + threadIdx.x;   /* this thread's channel */
    int k = blockIdx.y;                              /* and chunk of rows */
    if (c >= C) return;
    int begin = k * chunk_rows;
    int end = min(rows, begin + chunk_rows);
    float dw = 0.0f, db = 0.0f;
    for (int r = begin; r < end; r++) {
        long long i = (long long)r * C + c;
        float xhat = (inp[i] - mean[r]) * rstd[r];
        dw += dout[i] * xhat;
        db += dout[i];
    }
    partial_dweight[(long long)k * C + c] = dw;
    partial_dbias[(long long)k * C + c] = db;
}
