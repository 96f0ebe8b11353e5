/*
 * scalinglab: the naive CUDA matrix multiply of lecture L4 (notebook 11), row-major fp32,
 * C[M x N] = A[M x K] * B[K x N]. One thread per element of C; every thread reads its whole row
 * of A and column of B from global memory: 2*M*N*K reads in all.
 * matmul_naive(const float* A, const float* B, float* C, int M, int N, int K)
 * Launch: grid = (ceil(N/16), ceil(M/16)), block = (16, 16). Compiled as is by NVRTC or nvcc.
 */
extern "C" __global__ void matmul_naive(const float* A, const float* B, float* C, int M, int N, int K) {
    int row = blockIdx.y * blockDim.y + threadIdx.y;  /* which row of C this thread owns */
    int col = blockIdx.x * blockDim.x + threadIdx.x;  /* which column */
    if (row < M && col < N) {
        float sum = 0.0f;
        for (int k = 0; k < K; ++k) {
            sum += A[row * K + k] * B[k * N + col];      /* both from global memory */
        }
        C[row * N + col] = sum;
    }
}
