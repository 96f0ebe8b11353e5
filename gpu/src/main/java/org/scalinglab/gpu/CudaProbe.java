package org.scalinglab.gpu;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.scalinglab.hardware.GpuUnavailableException;

/**
 * What this machine has for the GPU path: the driver (loaded, its CUDA version, the devices), NVRTC
 * and cuBLAS (which file, loadable or not, NVRTC's version), and where they were searched for. It
 * never throws: each part records its error, and {@link #requireUsable()} turns the first missing
 * requirement into the one line the CLI prints.
 */
public final class CudaProbe {
  /** A library: the file chosen (or soname left to the loader), whether it loaded, and the error if not. */
  public record Lib(String title, String where, boolean loaded, String error, String version) {}

  private final List<Path> searched;
  private CudaDriver driver;
  private String driverError;
  private int driverVersion = -1;
  private final List<CudaSession.DeviceInfo> devices = new ArrayList<>();
  private String deviceError;
  private Lib nvrtc, cublas, cublasLt;
  private CudaLibraryLocator.Found nvrtcFound, cublasFound, cublasLtFound;

  private CudaProbe(CudaLibraryLocator locator) {
    searched = locator.searchDirs();
    try {
      driver = CudaDriver.load();
      driverVersion = driver.driverVersion();
      CudaSession.initOrExplain(driver);
      int n = driver.deviceCount();
      for (int i = 0; i < n; i++) devices.add(CudaSession.describe(driver, i));
      if (n == 0) deviceError = "no CUDA device: the NVIDIA driver (" + driver.path() + ") sees no GPU";
    } catch (GpuUnavailableException ex) {
      if (driver == null) driverError = ex.getMessage();
      else deviceError = ex.getMessage();
    } catch (RuntimeException ex) {
      if (driver == null) driverError = GpuUnavailableException.NO_DRIVER + " (" + ex.getMessage() + ")";
      else deviceError = "no usable CUDA device: " + ex.getMessage();
    }
    int maxMajor = driverVersion > 0 ? driverVersion / 1000 : 0;
    nvrtcFound = locator.find(CudaLibraryLocator.Library.NVRTC, maxMajor);
    nvrtc = tryLoad(nvrtcFound, true);
    cublasLtFound = locator.find(CudaLibraryLocator.Library.CUBLAS_LT, maxMajor);
    cublasLt = tryLoad(cublasLtFound, false);
    cublasFound = locator.find(CudaLibraryLocator.Library.CUBLAS, maxMajor);
    cublas = tryLoad(cublasFound, false);
  }

  public static CudaProbe run() {
    return new CudaProbe(CudaLibraryLocator.system());
  }

  public static CudaProbe run(CudaLibraryLocator locator) {
    return new CudaProbe(locator);
  }

  private static Lib tryLoad(CudaLibraryLocator.Found f, boolean isNvrtc) {
    String title = f.library().title();
    try {
      if (isNvrtc) {
        Nvrtc n = Nvrtc.load(f);
        int[] v = n.version();
        return new Lib(title, n.path(), true, null, v[0] + "." + v[1]);
      }
      return new Lib(title, NativeLibrary.open(f).name(), true, null, null);
    } catch (RuntimeException ex) {
      return new Lib(title, f.where(), false, missingMessage(f, ex), null);
    }
  }

  static String missingMessage(CudaLibraryLocator.Found f, RuntimeException ex) {
    if (f.path().isPresent()) {
      return title(f) + " at " + f.path().get() + " could not be loaded: " + ex.getMessage();
    }
    String hint = f.library() == CudaLibraryLocator.Library.NVRTC
        ? "the CUDA toolkit or pip's nvidia-cuda-nvrtc" : "the CUDA toolkit or pip's nvidia-cublas";
    return "no " + title(f) + " found: " + String.join(", ", f.library().sonames(0))
        + " are in none of the searched folders (CUDA_HOME, /usr/local/cuda/lib64, LD_LIBRARY_PATH, "
        + "Python's nvidia/*/lib, conda) nor on the system loader's path; install " + hint
        + " or set CUDA_HOME";
  }

  private static String title(CudaLibraryLocator.Found f) {
    return f.library().title();
  }

  public CudaDriver driver() {
    return driver;
  }

  public int driverVersion() {
    return driverVersion;
  }

  public List<CudaSession.DeviceInfo> devices() {
    return List.copyOf(devices);
  }

  public CudaLibraryLocator.Found nvrtcFound() {
    return nvrtcFound;
  }

  public CudaLibraryLocator.Found cublasFound() {
    return cublasFound;
  }

  public CudaLibraryLocator.Found cublasLtFound() {
    return cublasLtFound;
  }

  public Lib nvrtc() {
    return nvrtc;
  }

  public Lib cublas() {
    return cublas;
  }

  /** "no-driver", "no-device", "no-nvrtc", "no-cublas" or "ok". */
  public String status() {
    if (driverError != null) return "no-driver";
    if (deviceError != null) return "no-device";
    if (!nvrtc.loaded()) return "no-nvrtc";
    if (!cublas.loaded()) return "no-cublas";
    return "ok";
  }

  /** The first missing requirement as one line; null when all is there. */
  public String problem() {
    if (driverError != null) return driverError;
    if (deviceError != null) return deviceError;
    if (!nvrtc.loaded()) return nvrtc.error();
    if (!cublas.loaded()) return cublas.error();
    return null;
  }

  /** @throws GpuUnavailableException with {@link #problem()} when something is missing */
  public void requireUsable() {
    String p = problem();
    if (p != null) throw new GpuUnavailableException(p);
  }

  /** The report, one fact a line. */
  public String describe() {
    List<String> lines = new ArrayList<>();
    lines.add("driver    " + (driver == null ? driverError
        : driver.path() + ", CUDA " + (driverVersion > 0 ? CudaSession.DeviceInfo.cudaVersion(driverVersion) : "?")));
    for (CudaSession.DeviceInfo d : devices) {
      lines.add(String.format("device %d  %s, compute capability %s, %d SMs, %.1f GiB", d.ordinal(), d.name(),
          d.computeCapability(), d.multiprocessors(), d.totalMemoryBytes() / (1024.0 * 1024 * 1024)));
    }
    if (deviceError != null) lines.add("device    " + deviceError);
    for (Lib l : new Lib[] {nvrtc, cublas, cublasLt}) {
      lines.add(String.format("%-9s %s", l.title(), l.loaded()
          ? l.where() + (l.version() != null ? " (" + l.version() + ")" : "") : l.error()));
    }
    lines.add("searched  " + (searched.isEmpty() ? "(no CUDA or Python library folders here)"
        : String.join(":", searched.stream().map(Path::toString).toList())));
    return String.join("\n", lines);
  }

  public JsonObject toJson() {
    JsonObject o = new JsonObject();
    o.addProperty("status", status());
    if (problem() != null) o.addProperty("problem", problem());
    JsonObject d = new JsonObject();
    d.addProperty("library", driver == null ? CudaLibraryLocator.DRIVER_SONAME : driver.path());
    d.addProperty("loaded", driver != null);
    if (driverVersion > 0) d.addProperty("cuda_version", CudaSession.DeviceInfo.cudaVersion(driverVersion));
    if (driverError != null) d.addProperty("error", driverError);
    o.add("driver", d);
    JsonArray devs = new JsonArray();
    for (CudaSession.DeviceInfo di : devices) {
      JsonObject x = new JsonObject();
      x.addProperty("ordinal", di.ordinal());
      x.addProperty("name", di.name());
      x.addProperty("compute_capability", di.computeCapability());
      x.addProperty("multiprocessors", di.multiprocessors());
      x.addProperty("memory_bytes", di.totalMemoryBytes());
      devs.add(x);
    }
    o.add("devices", devs);
    if (deviceError != null) o.addProperty("device_error", deviceError);
    for (Lib l : new Lib[] {nvrtc, cublas, cublasLt}) {
      JsonObject x = new JsonObject();
      x.addProperty("file", l.where());
      x.addProperty("loaded", l.loaded());
      if (l.version() != null) x.addProperty("version", l.version());
      if (l.error() != null) x.addProperty("error", l.error());
      o.add(l.title().toLowerCase(java.util.Locale.ROOT), x);
    }
    JsonArray s = new JsonArray();
    for (Path p : searched) s.add(p.toString());
    o.add("searched", s);
    return o;
  }
}
