package org.scalinglab.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalinglab.gpu.CudaLibraryLocator.Env;
import org.scalinglab.gpu.CudaLibraryLocator.Found;
import org.scalinglab.gpu.CudaLibraryLocator.Library;

/** The search on fake trees: empty files named like the sonames under a temporary root. */
class CudaLibraryLocatorTest {
  @TempDir Path root;

  private Path touch(String relative) throws IOException {
    Path f = root.resolve(relative);
    Files.createDirectories(f.getParent());
    Files.createFile(f);
    return f;
  }

  private CudaLibraryLocator locator(Map<String, String> env) {
    return new CudaLibraryLocator(new Env(env, root.resolve("home/u"), root));
  }

  private CudaLibraryLocator locator() {
    return locator(Map.of());
  }

  @Test
  void nothingThereLeavesTheFirstSonameToTheSystemLoader() {
    Found f = locator().find(Library.NVRTC, 0);
    assertEquals(Optional.empty(), f.path());
    assertEquals("libnvrtc.so.13", f.soname());
    assertTrue(f.where().contains("system loader"), f.where());
    assertTrue(locator().searchDirs().isEmpty(), "only existing folders are listed");
  }

  @Test
  void usrLocalCudaLib64() throws IOException {
    Path f = touch("usr/local/cuda/lib64/libnvrtc.so.12");
    assertEquals(Optional.of(f), locator().find(Library.NVRTC, 0).path());
  }

  @Test
  void newerMajorPreferredAcrossFolders() throws IOException {
    touch("usr/local/cuda/lib64/libcublas.so.12");
    Path pip13 = touch("usr/local/lib/python3.12/dist-packages/nvidia/cu13/lib/libcublas.so.13");
    Found f = locator().find(Library.CUBLAS, 0);
    assertEquals(Optional.of(pip13), f.path());
    assertEquals(13, f.major());
  }

  @Test
  void noMajorNewerThanTheDriver() throws IOException {
    Path old = touch("usr/local/cuda-12.4/lib64/libnvrtc.so.12");
    touch("usr/local/cuda-13.0/lib64/libnvrtc.so.13");
    assertEquals(Optional.of(old), locator().find(Library.NVRTC, 12).path());
    assertEquals(13, locator().find(Library.NVRTC, 13).major());
  }

  @Test
  void pipPackagesOfPyTorch() throws IOException {
    Path nvrtc = touch("usr/lib/python3.11/site-packages/nvidia/cuda_nvrtc/lib/libnvrtc.so.12");
    Path cublas = touch("usr/lib/python3.11/site-packages/nvidia/cublas/lib/libcublas.so.12");
    Path lt = touch("usr/lib/python3.11/site-packages/nvidia/cublas/lib/libcublasLt.so.12");
    assertEquals(Optional.of(nvrtc), locator().find(Library.NVRTC, 0).path());
    assertEquals(Optional.of(cublas), locator().find(Library.CUBLAS, 0).path());
    assertEquals(Optional.of(lt), locator().find(Library.CUBLAS_LT, 0).path());
  }

  @Test
  void userSiteVirtualEnvCondaAndExplicitSite() throws IOException {
    Path user = touch("home/u/.local/lib/python3.10/site-packages/nvidia/cuda_nvrtc/lib/libnvrtc.so.11.2");
    assertEquals(Optional.of(user), locator().find(Library.NVRTC, 0).path());
    assertEquals("libnvrtc.so.11.2", locator().find(Library.NVRTC, 0).soname());

    Path venv = touch("venv/lib/python3.12/site-packages/nvidia/cublas/lib/libcublas.so.12");
    assertEquals(Optional.of(venv),
        locator(Map.of("VIRTUAL_ENV", root.resolve("venv").toString())).find(Library.CUBLAS, 0).path());

    Path conda = touch("conda/envs/x/lib/libcublas.so.13");
    assertEquals(Optional.of(conda),
        locator(Map.of("CONDA_PREFIX", root.resolve("conda/envs/x").toString())).find(Library.CUBLAS, 0).path());

    Path site = touch("weird/place/nvidia/cu13/lib/libnvrtc.so.13");
    assertEquals(Optional.of(site), locator(Map.of("SCALINGLAB_PYTHON_SITE", root.resolve("weird/place").toString()))
        .find(Library.NVRTC, 0).path());
  }

  @Test
  void environmentFoldersComeFirstInOrder() throws IOException {
    Path sys = touch("usr/local/cuda/lib64/libnvrtc.so.12");
    Path ld = touch("ld/b/libnvrtc.so.12");
    Path home = touch("toolkit/lib64/libnvrtc.so.12");
    Path explicit = touch("explicit/libnvrtc.so.12");
    Map<String, String> env = new HashMap<>();
    env.put("LD_LIBRARY_PATH", root.resolve("ld/a") + "::" + root.resolve("ld/b"));
    assertEquals(Optional.of(ld), locator(env).find(Library.NVRTC, 0).path());
    env.put("CUDA_HOME", root.resolve("toolkit").toString());
    assertEquals(Optional.of(home), locator(env).find(Library.NVRTC, 0).path());
    env.put("SCALINGLAB_CUDA_LIBS", root.resolve("explicit").toString());
    assertEquals(Optional.of(explicit), locator(env).find(Library.NVRTC, 0).path());
    List<Path> dirs = locator(env).searchDirs();
    assertTrue(dirs.indexOf(explicit.getParent()) < dirs.indexOf(home.getParent()));
    assertTrue(dirs.indexOf(home.getParent()) < dirs.indexOf(ld.getParent()));
    assertTrue(dirs.indexOf(ld.getParent()) < dirs.indexOf(sys.getParent()));
  }

  @Test
  void versionedToolkitsNewestFirst() throws IOException {
    touch("usr/local/cuda-12.4/lib64/libcublas.so.12");
    Path newer = touch("usr/local/cuda-12.10/lib64/libcublas.so.12");
    assertEquals(Optional.of(newer), locator().find(Library.CUBLAS, 0).path());
    assertTrue(CudaLibraryLocator.compareVersions("python3.12", "python3.9") > 0);
    assertTrue(CudaLibraryLocator.compareVersions("cuda-12.10", "cuda-12.4") > 0);
    assertEquals(0, CudaLibraryLocator.compareVersions("a1", "a1"));
  }

  @Test
  void findAllListsEveryCopy() throws IOException {
    touch("usr/local/cuda/lib64/libnvrtc.so.13");
    touch("usr/lib/python3.11/dist-packages/nvidia/cuda_nvrtc/lib/libnvrtc.so.12");
    assertEquals(2, locator().findAll(Library.NVRTC).size());
  }

  @Test
  void builtinsBesideNvrtc() throws IOException {
    Path nvrtc = touch("lib/libnvrtc.so.12");
    assertEquals(Optional.empty(), CudaLibraryLocator.nvrtcBuiltins(nvrtc));
    touch("lib/libnvrtc-builtins.so.13.0");
    Path b = touch("lib/libnvrtc-builtins.so.12.6");
    assertEquals(Optional.of(b), CudaLibraryLocator.nvrtcBuiltins(nvrtc));
  }

  @Test
  void sonamesByPreference() {
    assertEquals(List.of("libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so.11.2", "libnvrtc.so.11"), Library.NVRTC.sonames(0));
    assertEquals(List.of("libcublas.so.12", "libcublas.so.11"), Library.CUBLAS.sonames(12));
    assertFalse(Library.CUBLAS_LT.sonames(0).isEmpty());
    assertEquals(11, new Found(Library.NVRTC, "libnvrtc.so.11.2", Optional.empty()).major());
  }

  @Test
  void missingLibraryMessageNamesWhatAndWhere() {
    String m = CudaProbe.missingMessage(locator().find(Library.NVRTC, 0), new IllegalArgumentException("x"));
    assertTrue(m.startsWith("no NVRTC found: libnvrtc.so.13, libnvrtc.so.12"), m);
    assertTrue(m.contains("CUDA_HOME") && m.contains("nvidia/*/lib"), m);
    String bad = CudaProbe.missingMessage(new Found(Library.CUBLAS, "libcublas.so.12", Optional.of(Path.of("/x/libcublas.so.12"))),
        new IllegalArgumentException("Cannot open library: /x/libcublas.so.12"));
    assertEquals("cuBLAS at /x/libcublas.so.12 could not be loaded: Cannot open library: /x/libcublas.so.12", bad);
  }
}
