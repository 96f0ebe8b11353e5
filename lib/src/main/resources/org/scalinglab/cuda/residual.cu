/*
 * scalinglab GPU engine: the residual connection (train.Kernels.addInPlace), fp32. The forward pass
 * adds the block's input into the block's output in place (res2 += resIn, res3 += res2); the same
 * kernel accumulates gradients. The residual's backward pass needs no kernel of its own: the
 * gradient of the stream passes through unchanged and LayerNorm's backward adds into it.
 *
 * residual_add(float* x, const float* y, int n)
 *   x[i] += y[i] for i < n. One thread per element.
 *   Launch: block = 256, grid = ceil(n / 256).
 */

extern "C" __global__ void residual_add(float* x, const float* y, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;   /* the element this thread updates */
    if (i < n) x[i] = x[i] + y[i];
}
