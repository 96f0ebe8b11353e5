/*
 * scalinglab: the shared-memory tiled CUDA matrix multiply of lecture L4 (notebook 11), row-major
 * fp32, C[M x N] = A[M x K] * B[K x N]. A block of TILE x TILE threads computes one TILE x TILE tile
 * of C; for each step along K its threads copy one tile of A and one of B from global into shared
 * memory (one element each), wait, multiply the tiles out of shared memory, wait again. Each element
 * of A and B is read from global memory ceil(N/TILE) resp. ceil(M/TILE) times instead of N resp. M.
 * matmul_tiled(const float* A, const float* B, float* C, int M, int N, int K)
 * Launch: grid = (ceil(N/TILE), ceil(M/TILE)), block = (TILE, TILE). Compiled as is by NVRTC or nvcc.
 */
#define TILE 16

extern "C" __global__ void matmul_tiled(const float* A, const float* B, float* C, int M, int N, int K) {
    __shared__ float As[TILE][TILE];  /* this block's tile of A, in fast on-chip memory */
    __shared__ float Bs[TILE][TILE];  /* and of B */

    int ty = threadIdx.y, tx = threadIdx.x;
    int row = blockIdx.y * TILE + ty;  /* the element of C this thread owns */
    int col = blockIdx.x * TILE + tx;
    float sum = 0.0f;                  /* kept in a register for the whole loop */

    for (int k0 = 0; k0 < K; k0 += TILE) {
        /* cooperative load: each thread copies one element of each tile (zero outside the matrix) */
        As[ty][tx] = (row < M && k0 + tx < K) ? A[row * K + k0 + tx] : 0.0f;
        Bs[ty][tx] = (k0 + ty < K && col < N) ? B[(k0 + ty) * N + col] : 0.0f;
        __syncthreads();               /* the tiles are complete before anyone reads them */

        for (int k = 0; k < TILE; ++k) {
            sum += As[ty][k] * Bs[k][tx];   /* from shared memory only */
        }
        __syncthreads();               /* everyone is done before the tiles are overwritten */
    }
    if (row < M && col < N) {
        C[row * N + col] = sum;
    }
}
