/*
 * A stand-in for the NVIDIA driver's libcuda.so.1, for the tests of the gpu module's bindings on
 * machines without a GPU (compiled by FakeDriverTest with gcc when present). "Device" memory is host
 * memory, CUdeviceptr its address; a module is the image it was given; a function exists when the
 * image names it (".entry NAME" in PTX, or the name anywhere); launching matmul_naive or matmul_tiled
 * computes C = A*B on the CPU from the kernelParams exactly as the CUDA kernel reads them (so a wrong
 * argument layout shows up as a wrong product), over the rows and columns the grid covers.
 * FAKE_CUDA_NO_DEVICE=1 makes cuInit fail with CUDA_ERROR_NO_DEVICE (100).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef int CUresult;
typedef unsigned long long CUdeviceptr;

static const char *err_name(int e) {
  switch (e) {
    case 0: return "CUDA_SUCCESS";
    case 1: return "CUDA_ERROR_INVALID_VALUE";
    case 2: return "CUDA_ERROR_OUT_OF_MEMORY";
    case 100: return "CUDA_ERROR_NO_DEVICE";
    case 500: return "CUDA_ERROR_NOT_FOUND";
    default: return NULL;
  }
}
static const char *err_desc(int e) {
  switch (e) {
    case 0: return "no error";
    case 1: return "invalid argument";
    case 2: return "out of memory";
    case 100: return "no CUDA-capable device is detected";
    case 500: return "named symbol not found";
    default: return NULL;
  }
}
CUresult cuGetErrorName(CUresult e, const char **s) { *s = err_name(e); return *s ? 0 : 1; }
CUresult cuGetErrorString(CUresult e, const char **s) { *s = err_desc(e); return *s ? 0 : 1; }

static int initialised = 0;
static int no_device = 0;
/* the tests' switch (env variables cannot be set inside a running JVM) */
void fake_cuda_set_no_device(int v) { no_device = v; }
CUresult cuInit(unsigned flags) {
  (void) flags;
  const char *nd = getenv("FAKE_CUDA_NO_DEVICE");
  if (no_device || (nd && nd[0] == '1')) return 100;
  initialised = 1;
  return 0;
}
CUresult cuDriverGetVersion(int *v) { *v = 13000; return 0; }
CUresult cuDeviceGetCount(int *n) { if (!initialised) return 3; *n = 1; return 0; }
CUresult cuDeviceGet(int *d, int ordinal) { if (ordinal != 0) return 101; *d = 0; return 0; }
CUresult cuDeviceGetName(char *name, int len, int d) { (void) d; strncpy(name, "Fake GPU", len); return 0; }
CUresult cuDeviceGetAttribute(int *v, int attr, int d) {
  (void) d;
  switch (attr) {
    case 1: *v = 1024; return 0;
    case 16: *v = 132; return 0;
    case 75: *v = 9; return 0;
    case 76: *v = 0; return 0;
    default: *v = 0; return 0;
  }
}
CUresult cuDeviceTotalMem_v2(size_t *bytes, int d) { (void) d; *bytes = (size_t) 141 << 30; return 0; }
static int ctx_token;
CUresult cuDevicePrimaryCtxRetain(void **ctx, int d) { (void) d; *ctx = &ctx_token; return 0; }
CUresult cuDevicePrimaryCtxRelease_v2(int d) { (void) d; return 0; }
CUresult cuCtxSetCurrent(void *ctx) { return ctx == &ctx_token ? 0 : 201; }
CUresult cuCtxSynchronize(void) { return 0; }

CUresult cuMemAlloc_v2(CUdeviceptr *p, size_t bytes) {
  if (bytes > ((size_t) 1 << 34)) return 2;
  void *m = malloc(bytes ? bytes : 1);
  if (!m) return 2;
  *p = (CUdeviceptr) (uintptr_t) m;
  return 0;
}
CUresult cuMemFree_v2(CUdeviceptr p) { free((void *) (uintptr_t) p); return 0; }
CUresult cuMemcpyHtoD_v2(CUdeviceptr dst, const void *src, size_t n) { memcpy((void *) (uintptr_t) dst, src, n); return 0; }
CUresult cuMemcpyDtoH_v2(void *dst, CUdeviceptr src, size_t n) { memcpy(dst, (void *) (uintptr_t) src, n); return 0; }
CUresult cuMemcpyDtoD_v2(CUdeviceptr dst, CUdeviceptr src, size_t n) { memmove((void *) (uintptr_t) dst, (void *) (uintptr_t) src, n); return 0; }
CUresult cuMemsetD32_v2(CUdeviceptr dst, unsigned v, size_t n) {
  unsigned *p = (unsigned *) (uintptr_t) dst;
  for (size_t i = 0; i < n; i++) p[i] = v;
  return 0;
}

CUresult cuModuleLoadData(void **module, const void *image) {
  if (!image || !((const char *) image)[0]) return 200;
  *module = strdup((const char *) image);
  return 0;
}
CUresult cuModuleUnload(void *module) { free(module); return 0; }
CUresult cuModuleGetFunction(void **fn, void *module, const char *name) {
  if (!strstr((const char *) module, name)) return 500;
  *fn = strdup(name);
  return 0;
}

CUresult cuLaunchKernel(void *fn, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by, unsigned bz,
                        unsigned shared, void *stream, void **params, void **extra) {
  (void) gz; (void) bz; (void) shared; (void) stream;
  if (extra) return 1;
  const char *name = (const char *) fn;
  if (!strcmp(name, "matmul_naive") || !strcmp(name, "matmul_tiled")) {
    const float *A = (const float *) (uintptr_t) *(CUdeviceptr *) params[0];
    const float *B = (const float *) (uintptr_t) *(CUdeviceptr *) params[1];
    float *C = (float *) (uintptr_t) *(CUdeviceptr *) params[2];
    int M = *(int *) params[3], N = *(int *) params[4], K = *(int *) params[5];
    long rows = (long) gy * by, cols = (long) gx * bx;
    for (long i = 0; i < M && i < rows; i++)
      for (long j = 0; j < N && j < cols; j++) {
        float s = 0;
        for (long k = 0; k < K; k++) s += A[i * K + k] * B[k * N + j];
        C[i * N + j] = s;
      }
    return 0;
  }
  /* three of the engine's kernels, serially, for CudaGpuDevice's argument marshalling (pointer + offset, int,
     double): residual_add(float* x, const float* y, int n); grad_norm_partial(double* partial, const float* g,
     int n) with the whole sum in partial[0] and the other blocks 0; grad_norm_finish(double* norm,
     float* clip_scale, const double* partial, int blocks, double clip_norm) */
  if (!strcmp(name, "residual_add")) {
    float *x = (float *) (uintptr_t) *(CUdeviceptr *) params[0];
    const float *y = (const float *) (uintptr_t) *(CUdeviceptr *) params[1];
    int n = *(int *) params[2];
    for (long i = 0; i < n && i < (long) gx * bx; i++) x[i] = x[i] + y[i];
    return 0;
  }
  if (!strcmp(name, "grad_norm_partial")) {
    double *partial = (double *) (uintptr_t) *(CUdeviceptr *) params[0];
    const float *g = (const float *) (uintptr_t) *(CUdeviceptr *) params[1];
    int n = *(int *) params[2];
    double s = 0;
    for (int i = 0; i < n; i++) s += (double) g[i] * g[i];
    for (unsigned b = 0; b < gx; b++) partial[b] = b == 0 ? s : 0.0;
    return 0;
  }
  if (!strcmp(name, "grad_norm_finish")) {
    double *norm = (double *) (uintptr_t) *(CUdeviceptr *) params[0];
    float *clip = (float *) (uintptr_t) *(CUdeviceptr *) params[1];
    const double *partial = (const double *) (uintptr_t) *(CUdeviceptr *) params[2];
    int blocks = *(int *) params[3];
    double clip_norm = *(double *) params[4], s = 0;
    for (int i = 0; i < blocks; i++) s += partial[i];
    double total = 0;
    /* sqrt without libm */
    if (s > 0) { total = s; for (int k = 0; k < 60; k++) total = 0.5 * (total + s / total); }
    *norm = total;
    *clip = clip_norm > 0.0 && total > clip_norm ? (float) (clip_norm / total) : 1.0f;
    return 0;
  }
  return 0;
}

static int stream_token;
CUresult cuStreamCreate(void **s, unsigned flags) { (void) flags; *s = &stream_token; return 0; }
CUresult cuStreamSynchronize(void *s) { (void) s; return 0; }
CUresult cuStreamDestroy_v2(void *s) { (void) s; return 0; }

CUresult cuEventCreate(void **e, unsigned flags) { (void) flags; *e = calloc(1, sizeof(double)); return 0; }
CUresult cuEventRecord(void *e, void *s) {
  (void) s;
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  *(double *) e = t.tv_sec * 1e3 + t.tv_nsec / 1e6;
  return 0;
}
CUresult cuEventSynchronize(void *e) { (void) e; return 0; }
CUresult cuEventElapsedTime(float *ms, void *a, void *b) { *ms = (float) (*(double *) b - *(double *) a); return 0; }
CUresult cuEventDestroy_v2(void *e) { free(e); return 0; }
