/*
 * scalinglab GPU engine: the non-GEMM parts of causal multi-head self-attention
 * (train.Transformer.attentionForward and attentionBackward), fp32. C = NH * HS channels; the
 * fused projection qkv is [B][T][3C] with q, k, v at channel offsets 0, C, 2C and head h at
 * h*HS within each. The host does the products as cuBLAS strided-batched GEMMs over the B*NH
 * (batch, head) pairs on the [B][NH][T][HS] layout made by attention_split_heads:
 *   forward:  preatt = scale * Q.K^T  (alpha = scale = 1/sqrt(HS), as the CPU engine: the scale is
 *             applied in the product), att = softmax_causal_forward(preatt), y = att.V,
 *             then attention_merge_heads(y) -> [B][T][C].
 *   backward: dy = attention_merge_heads_backward(datty), dP = dy.V^T, dV = att^T.dy,
 *             dS = softmax_causal_backward(dP, att, scale)   (dS includes the scale),
 *             dQ = dS.K, dK = dS^T.Q, then attention_split_heads_backward(dQ, dK, dV) -> dqkv.
 * att and preatt are [B][NH][T][T]; row (b, h, t) holds the weights of query t over keys s; only
 * s <= t take part (the causal mask), the entries s > t are written as 0.
 *
 * attention_split_heads(float* q, float* k, float* v, const float* qkv, int B, int T, int NH, int HS)
 *   q[b][h][t][d] = qkv[b][t][h*HS + d], k from channel C + h*HS + d, v from 2C + h*HS + d.
 *   One thread per element of q (copies three values). Launch: block = 256, grid = ceil(B*NH*T*HS / 256).
 *
 * attention_merge_heads(float* out, const float* y, int B, int T, int NH, int HS)
 *   out[b][t][h*HS + d] = y[b][h][t][d]. One thread per element.
 *   Launch: block = 256, grid = ceil(B*NH*T*HS / 256).
 *
 * attention_merge_heads_backward(float* dy, const float* dout, int B, int T, int NH, int HS)
 *   dy[b][h][t][d] = dout[b][t][h*HS + d] (the gradient of merge_heads: written).
 *   Launch: block = 256, grid = ceil(B*NH*T*HS / 256).
 *
 * attention_split_heads_backward(float* dqkv, const float* dq, const float* dk, const float* dv,
 *                                int B, int T, int NH, int HS)
 *   dqkv[b][t][h*HS + d] = dq[b][h][t][d], [C + h*HS + d] = dk[...], [2C + h*HS + d] = dv[...]
 *   (written, as the CPU engine writes dqkv). One thread per element of dq.
 *   Launch: block = 256, grid = ceil(B*NH*T*HS / 256).
 *
 * softmax_causal_forward(float* att, const float* preatt, int rows, int T)
 *   rows = B*NH*T rows of length T; row i is query t = i % T. For s <= t:
 *   att[s] = exp(preatt[s] - max) / sum, max and sum over s <= t; att[s] = 0 for s > t.
 *   att may be preatt (in place). One warp per row: lane l handles s = l, l+32, ...
 *   Launch: block = 256 (8 rows), grid = ceil(rows / 8).
 *
 * softmax_causal_backward(float* dpreatt, const float* datt, const float* att, int rows, int T,
 *                         float scale)
 *   For s <= t: dpreatt[s] = scale * att[s] * (datt[s] - sum_{s' <= t} att[s'] * datt[s']);
 *   dpreatt[s] = 0 for s > t. dpreatt may be datt (in place). One warp per row.
 *   Launch: block = 256 (8 rows), grid = ceil(rows / 8).
 */

/* The sum of v over the 32 lanes of a warp, in every lane (butterfly, offsets 16, 8, 4, 2, 1). */
static __device__ __forceinline__ float warp_sum(float v) {
    for (int offset = 16; offset > 0; offset /= 2) {
        v += __shfl_xor_sync(0xffffffffu, v, offset);
    }
    return v;
}

/* The maximum of v over the 32 lanes of a warp, in every lane. */
static __device__ __forceinline__ float warp_max(float v) {
    for (int offset = 16; offset > 0; offset /= 2) {
        v = fmaxf(v, __shfl_xor_sync(0xffffffffu, v, offset));
    }
    return v;
}

/* The offset in a [B][T][width] tensor of element (b, h, t, d) of a [B][NH][T][HS] one, given as its
 * index i there: channel h*HS + d of token (b, t). */
static __device__ __forceinline__ long long token_major(int i, int T, int NH, int HS, int width) {
    int d = i % HS;
    int t = (i / HS) % T;
    int h = (i / (HS * T)) % NH;
    int b = i / (HS * T * NH);
    return ((long long)b * T + t) * width + h * HS + d;
}

extern "C" __global__ void attention_split_heads(float* q, float* k, float* v, const float* qkv,
                                                 int B, int T, int NH, int HS) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;   /* the element (b, h, t, d) of q, k and v */
    if (i >= B * NH * T * HS) return;
    int C = NH * HS;
    long long src = token_major(i, T, NH, HS, 3 * C);
    q[i] = qkv[src];
    k[i] = qkv[src + C];
    v[i] = qkv[src + 2 * C];
}

extern "C" __global__ void attention_merge_heads(float* out, const float* y, int B, int T, int NH, int HS) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;   /* the element (b, h, t, d) of y */
    if (i >= B * NH * T * HS) return;
    out[token_major(i, T, NH, HS, NH * HS)] = y[i];
}

extern "C" __global__ void attention_merge_heads_backward(float* dy, const float* dout, int B, int T, int NH, int HS) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;   /* the element (b, h, t, d) of dy */
    if (i >= B * NH * T * HS) return;
    dy[i] = dout[token_major(i, T, NH, HS, NH * HS)];
}

extern "C" __global__ void attention_split_heads_backward(float* dqkv, const float* dq, const float* dk,
                                                          const float* dv, int B, int T, int NH, int HS) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;   /* the element (b, h, t, d) of dq, dk and dv */
    if (i >= B * NH * T * HS) return;
    int C = NH * HS;
    long long dst = token_major(i, T, NH, HS, 3 * C);
    dqkv[dst] = dq[i];
    dqkv[dst + C] = dk[i];
    dqkv[dst + 2 * C] = dv[i];
}

extern "C" __global__ void softmax_causal_forward(float* att, const float* preatt, int rows, int T) {
    int warps = blockDim.x / 32;
    int row = blockIdx.x * warps + threadIdx.x / 32;  /* the row (b, h, t) this thread's warp owns */
    int lane = threadIdx.x % 32;
    if (row >= rows) return;                          /* the whole warp leaves together */
    int t = row % T;                                  /* the query: keys 0..t are visible */
    const float* x = preatt + (long long)row * T;
    float* p = att + (long long)row * T;

    float m = -3.402823466e38f;                       /* -FLT_MAX: every row has key 0, so m ends finite */
    for (int s = lane; s <= t; s += 32) m = fmaxf(m, x[s]);
    m = warp_max(m);

    float sum = 0.0f;
    for (int s = lane; s <= t; s += 32) {
        float e = expf(x[s] - m);
        p[s] = e;                                     /* same lane reads x[s] and writes p[s]: in place is safe */
        sum += e;
    }
    float inv = 1.0f / warp_sum(sum);

    for (int s = lane; s < T; s += 32) {
        p[s] = s <= t ? p[s] * inv : 0.0f;
    }
}

extern "C" __global__ void softmax_causal_backward(float* dpreatt, const float* datt, const float* att, int rows,
                                                   int T, float scale) {
    int warps = blockDim.x / 32;
    int row = blockIdx.x * warps + threadIdx.x / 32;
    int lane = threadIdx.x % 32;
    if (row >= rows) return;
    int t = row % T;
    const float* p = att + (long long)row * T;
    const float* dp = datt + (long long)row * T;
    float* ds = dpreatt + (long long)row * T;

    float dot = 0.0f;
    for (int s = lane; s <= t; s += 32) dot += p[s] * dp[s];
    dot = warp_sum(dot);

    for (int s = lane; s < T; s += 32) {
        ds[s] = s <= t ? scale * p[s] * (dp[s] - dot) : 0.0f;
    }
}
