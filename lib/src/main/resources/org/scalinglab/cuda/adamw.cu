/*
 * scalinglab GPU engine: the AdamW update (Loshchilov & Hutter 2019, Algorithm 2; train.AdamW.update),
 * in place on the flat parameter block, fp32, one thread per parameter, exactly the CPU's arithmetic:
 *   g  = grads[i] * clip_scale
 *   m  = beta1 * m + (1 - beta1) * g,    v = beta2 * v + (1 - beta2) * g * g
 *   upd = lr * (m * c1) / (sqrt(v * c2) + eps),   plus decay * theta where decayed[i] != 0
 *   theta = theta - upd
 * The host computes the step's scalars as the CPU does, in double and then rounded to float:
 *   c1 = 1 / (1 - beta1^step), c2 = 1 / (1 - beta2^step) (step counted from 1 after the increment),
 *   decay = lr * weight_decay (decoupled: not scaled by the adaptive denominator).
 * clip_scale is a device pointer to one float (written by gradnorm.cu's grad_norm_finish, or 1.0f
 * written by the host when clipping is off); decayed is one byte per parameter (the model's
 * decayed mask: 1 for weight matrices and embeddings, 0 for biases and norm gains).
 *
 * adamw_update(float* params, const float* grads, float* m, float* v, const unsigned char* decayed,
 *              const float* clip_scale, int n, float lr, float beta1, float beta2, float c1,
 *              float c2, float eps, float decay)
 *   Launch: block = 256, grid = ceil(n / 256).
 */

extern "C" __global__ void adamw_update(float* params, const float* grads, float* m, float* v,
                                        const unsigned char* decayed, const float* clip_scale, int n, float lr,
                                        float beta1, float beta2, float c1, float c2, float eps, float decay) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;   /* the parameter this thread updates */
    if (i >= n) return;
    float gi = grads[i] * *clip_scale;
    float mi = beta1 * m[i] + (1.0f - beta1) * gi;
    float vi = beta2 * v[i] + (1.0f - beta2) * gi * gi;
    m[i] = mi;
    v[i] = vi;
    float theta = params[i];
    float upd = lr * (mi * c1) / (sqrtf(vi * c2) + eps);
    if (decayed[i]) upd += decay * theta;
    params[i] = theta - upd;
}
