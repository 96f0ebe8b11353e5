package org.scalinglab.gpu;

import java.util.Map;

/**
 * A CUDA call failed: one line naming the call, the status's name and number, and the library's own
 * description, e.g. {@code cuMemAlloc_v2 failed: CUDA_ERROR_OUT_OF_MEMORY (2): out of memory}. Every
 * {@code CUresult}, {@code nvrtcResult} and {@code cublasStatus_t} is checked and turned into one.
 */
public final class CudaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** {@code CUDA_ERROR_UNSUPPORTED_PTX_VERSION}: PTX newer than the driver (a newer NVRTC than the driver). */
  public static final int CUDA_ERROR_UNSUPPORTED_PTX_VERSION = 222;

  private final String call;
  private final int code;

  public CudaException(String call, int code, String name, String description) {
    super(message(call, code, name, description));
    this.call = call;
    this.code = code;
  }

  public String call() {
    return call;
  }

  public int code() {
    return code;
  }

  /** {@code CALL failed: NAME (CODE): DESCRIPTION}, leaving out what is unknown. */
  public static String message(String call, int code, String name, String description) {
    StringBuilder sb = new StringBuilder(call).append(" failed: ");
    sb.append(name == null || name.isBlank() ? "status" : name).append(" (").append(code).append(')');
    if (description != null && !description.isBlank() && !description.equals(name)) {
      sb.append(": ").append(description.strip());
    }
    return sb.toString();
  }

  /**
   * Names of the driver's {@code CUresult} codes that a check meets most (cuda.h), for when
   * {@code cuGetErrorName} itself is not available.
   */
  static final Map<Integer, String> DRIVER_NAMES = Map.ofEntries(
      Map.entry(1, "CUDA_ERROR_INVALID_VALUE"),
      Map.entry(2, "CUDA_ERROR_OUT_OF_MEMORY"),
      Map.entry(3, "CUDA_ERROR_NOT_INITIALIZED"),
      Map.entry(4, "CUDA_ERROR_DEINITIALIZED"),
      Map.entry(100, "CUDA_ERROR_NO_DEVICE"),
      Map.entry(101, "CUDA_ERROR_INVALID_DEVICE"),
      Map.entry(200, "CUDA_ERROR_INVALID_IMAGE"),
      Map.entry(201, "CUDA_ERROR_INVALID_CONTEXT"),
      Map.entry(209, "CUDA_ERROR_NO_BINARY_FOR_GPU"),
      Map.entry(218, "CUDA_ERROR_INVALID_PTX"),
      Map.entry(CUDA_ERROR_UNSUPPORTED_PTX_VERSION, "CUDA_ERROR_UNSUPPORTED_PTX_VERSION"),
      Map.entry(500, "CUDA_ERROR_NOT_FOUND"),
      Map.entry(700, "CUDA_ERROR_ILLEGAL_ADDRESS"),
      Map.entry(701, "CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES"),
      Map.entry(702, "CUDA_ERROR_LAUNCH_TIMEOUT"),
      Map.entry(719, "CUDA_ERROR_LAUNCH_FAILED"),
      Map.entry(803, "CUDA_ERROR_SYSTEM_DRIVER_MISMATCH"),
      Map.entry(804, "CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE"),
      Map.entry(999, "CUDA_ERROR_UNKNOWN"));

  /** {@code nvrtcResult} names (nvrtc.h); nvrtcGetErrorString gives the same. */
  static final Map<Integer, String> NVRTC_NAMES = Map.ofEntries(
      Map.entry(1, "NVRTC_ERROR_OUT_OF_MEMORY"),
      Map.entry(2, "NVRTC_ERROR_PROGRAM_CREATION_FAILURE"),
      Map.entry(3, "NVRTC_ERROR_INVALID_INPUT"),
      Map.entry(4, "NVRTC_ERROR_INVALID_PROGRAM"),
      Map.entry(5, "NVRTC_ERROR_INVALID_OPTION"),
      Map.entry(6, "NVRTC_ERROR_COMPILATION"),
      Map.entry(7, "NVRTC_ERROR_BUILTIN_OPERATION_FAILURE"),
      Map.entry(8, "NVRTC_ERROR_NO_NAME_EXPRESSIONS_AFTER_COMPILATION"),
      Map.entry(9, "NVRTC_ERROR_NO_LOWERED_NAMES_BEFORE_COMPILATION"),
      Map.entry(10, "NVRTC_ERROR_NAME_EXPRESSION_NOT_VALID"),
      Map.entry(11, "NVRTC_ERROR_INTERNAL_ERROR"));

  /** {@code cublasStatus_t} names (cublas_api.h), for cuBLAS versions without cublasGetStatusString. */
  static final Map<Integer, String> CUBLAS_NAMES = Map.ofEntries(
      Map.entry(1, "CUBLAS_STATUS_NOT_INITIALIZED"),
      Map.entry(3, "CUBLAS_STATUS_ALLOC_FAILED"),
      Map.entry(7, "CUBLAS_STATUS_INVALID_VALUE"),
      Map.entry(8, "CUBLAS_STATUS_ARCH_MISMATCH"),
      Map.entry(11, "CUBLAS_STATUS_MAPPING_ERROR"),
      Map.entry(13, "CUBLAS_STATUS_EXECUTION_FAILED"),
      Map.entry(14, "CUBLAS_STATUS_INTERNAL_ERROR"),
      Map.entry(15, "CUBLAS_STATUS_NOT_SUPPORTED"),
      Map.entry(16, "CUBLAS_STATUS_LICENSE_ERROR"));
}
