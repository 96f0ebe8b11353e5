package org.scalinglab.hardware;

/**
 * The CUDA backend as the library sees it: a service ({@link java.util.ServiceLoader}) that the
 * {@code gpu} module of this repository ({@code gpu/}, JDK 22+, built only on a JDK 22+) provides. The
 * library is compiled for Java 17 and never links against that module; it finds it at run time
 * through {@link #load()}, so nothing here needs a GPU, a driver or a newer JDK.
 */
public interface GpuBackend {
  /** The first JDK whose {@code java.lang.foreign} is final (JEP 454); the backend calls CUDA through it. */
  int MIN_JDK = 22;

  /**
   * The CUDA libraries found (driver, NVRTC, cuBLAS, where and which version) and the devices, one
   * fact a line.
   *
   * @throws GpuUnavailableException with one line naming what is missing (no driver, no device,
   *     no NVRTC) when the GPU cannot be used
   */
  String describe();

  /**
   * The backend on this JVM's class path.
   *
   * @throws GpuUnavailableException when this JVM is older than {@link #MIN_JDK} or the gpu module's
   *     jar is not on the class path; the message says what to do
   */
  static GpuBackend load() {
    int feature = Runtime.version().feature();
    if (feature < MIN_JDK) throw GpuUnavailableException.oldJdk(feature, System.getProperty("java.home"));
    return java.util.ServiceLoader.load(GpuBackend.class).findFirst()
        .orElseThrow(GpuUnavailableException::moduleMissing);
  }
}
