/*
 * scalinglab GPU engine: GELU in GPT-2's tanh form (Hendrycks & Gimpel 2016, section 2;
 * train.Kernels.geluForward and geluBackward), fp32:
 *   gelu(u) = 0.5 * u * (1 + tanh(sqrt(2/pi) * (u + 0.044715 * u^3)))
 *   gelu'(u) = 0.5 * (1 + t) + 0.5 * u * sqrt(2/pi) * (1 + 3 * 0.044715 * u^2) * (1 - t^2),
 *   with t the tanh above.
 * The CPU engine stores t in the forward pass; here the backward pass recomputes it from the input
 * (the same expression on the same value, so the same t), which saves one [rows][4C] buffer per
 * layer.
 *
 * gelu_forward(float* out, const float* inp, int n)
 *   out[i] = gelu(inp[i]). One thread per element. Launch: block = 256, grid = ceil(n / 256).
 *
 * gelu_backward(float* d, const float* inp, int n)
 *   In place, as on the CPU: d[i] (the gradient at the GELU's output) becomes d[i] * gelu'(inp[i]),
 *   the gradient at its input. One thread per element. Launch: block = 256, grid = ceil(n / 256).
 */

#define GELU_C 0.7978845608f   /* sqrt(2/pi), rounded to float as train.Kernels.GELU_C */

extern "C" __global__ void gelu_forward(float* out, const float* inp, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;   /* the element this thread computes */
    if (i >= n) return;
    float u = inp[i];
    float t = tanhf(GELU_C * (u + 0.044715f * u * u * u));
    out[i] = 0.5f * u * (1.0f + t);
}

extern "C" __global__ void gelu_backward(float* d, const float* inp, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    float u = inp[i];
    float t = tanhf(GELU_C * (u + 0.044715f * u * u * u));
    float dt = GELU_C * (1.0f + 3.0f * 0.044715f * u * u) * (1.0f - t * t);
    float grad = 0.5f * (1.0f + t) + 0.5f * u * dt;
    d[i] = d[i] * grad;
}
