/*
 * scalinglab GPU engine: the token + position embedding of the transformer (train.Transformer,
 * forward; train.Kernels.embeddingBackward, backward). fp32, row-major, rows r = b*T + t of the
 * batch (BT = B*T rows of C channels). No atomics: every output element has exactly one writer,
 * and the backward kernels add the rows in ascending order, as the CPU engine does, so their sums
 * are bit-for-bit the CPU's (same float additions in the same order).
 *
 * encoder_forward(float* out, const int* tokens, const float* wte, const float* wpe,
 *                 int BT, int T, int C)
 *   out[r][c] = wte[tokens[r]][c] + wpe[r % T][c].
 *   One thread per element of out. Launch: block = 256, grid = ceil(BT*C / 256).
 *
 * encoder_backward_wpe(float* dwpe, const float* dout, int B, int T, int C)
 *   dwpe[t][c] += dout[b*T + t][c] for b = 0, 1, ..., B-1 in that order (adds, does not write).
 *   One thread per element of dwpe. Launch: block = 256, grid = ceil(T*C / 256).
 *
 * encoder_backward_wte(float* dwte, const float* dout, const int* bucket_start,
 *                      const int* bucket_rows, int V, int C)
 *   dwte[v][c] += dout[r][c] for every row r with tokens[r] == v, rows in ascending order.
 *   The rows of each token come from the host as a bucket list (counting sort of the batch's
 *   tokens, hardware.TokenBuckets): the rows of token v are bucket_rows[bucket_start[v] ..
 *   bucket_start[v+1]) in ascending order, bucket_start has V+1 entries, bucket_rows BT.
 *   One thread per (token v, channel c); tokens absent from the batch do no work.
 *   Launch: block = 256, grid = (ceil(C / 256), V)  (V <= 65535, the grid's y limit).
 */

extern "C" __global__ void encoder_forward(float* out, const int* tokens, const float* wte, const float* wpe,
                                           int BT, int T, int C) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;  /* the element of out this thread writes */
    if (i >= BT * C) return;
    int r = i / C, c = i % C;                       /* its row (b*T + t) and channel */
    int t = r % T;                                  /* position in the sequence */
    out[i] = wte[tokens[r] * C + c] + wpe[t * C + c];
}

extern "C" __global__ void encoder_backward_wpe(float* dwpe, const float* dout, int B, int T, int C) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;  /* the element (t, c) of dwpe this thread owns */
    if (i >= T * C) return;
    int t = i / C, c = i % C;
    float acc = dwpe[i];
    for (int b = 0; b < B; b++) {
        acc += dout[(b * T + t) * C + c];           /* rows b*T + t, b ascending */
    }
    dwpe[i] = acc;
}

extern "C" __global__ void encoder_backward_wte(float* dwte, const float* dout, const int* bucket_start,
                                                const int* bucket_rows, int V, int C) {
    int v = blockIdx.y;                              /* the token this block row owns */
    int c = blockIdx.x * blockDim.x + threadIdx.x;   /* and this thread's channel */
    if (v >= V || c >= C) return;
    int begin = bucket_start[v], end = bucket_start[v + 1];
    if (begin == end) return;                        /* token not in this batch */
    float acc = dwte[v * C + c];
    for (int i = begin; i < end; i++) {
        acc += dout[bucket_rows[i] * C + c];         /* the rows holding token v, ascending */
    }
    dwte[v * C + c] = acc;
}
