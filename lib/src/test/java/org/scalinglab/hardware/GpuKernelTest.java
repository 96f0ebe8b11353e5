package org.scalinglab.hardware;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The kernel catalogue against the sources: names, parameter lists, header documentation, launch rules. */
class GpuKernelTest {

  @Test
  void everyKernelInTheSourcesIsListedOnceAndEveryListedKernelIsThere() {
    Set<String> listed = new HashSet<>();
    for (GpuKernel k : GpuKernel.values()) assertTrue(listed.add(k.kernelName()), "listed twice: " + k.kernelName());
    List<String> found = new ArrayList<>();
    Pattern decl = Pattern.compile("extern \"C\" __global__ void (\\w+)\\(");
    for (String file : GpuKernel.files()) {
      Matcher m = decl.matcher(CudaKernels.source(file));
      while (m.find()) {
        found.add(m.group(1));
        assertEquals(file, GpuKernel.named(m.group(1)).file(), m.group(1) + " is in " + file);
      }
    }
    assertEquals(listed, new HashSet<>(found));
    assertEquals(found.size(), listed.size(), "a kernel name defined twice");
    assertEquals(11, GpuKernel.files().size());
  }

  /** NVRTC compiles a file without the CUDA toolkit's headers: the sources must need none. */
  @Test
  void sourcesNeedNoHeadersAndAreFp32WithoutAtomics() {
    for (String file : GpuKernel.files()) {
      String src = CudaKernels.source(file).replaceAll("(?s)/\\*.*?\\*/", " "); // code only, no comments
      assertFalse(src.contains("#include"), file + " includes a header");
      assertFalse(Pattern.compile("\\batomic[A-Z]").matcher(src).find(), file + " uses atomics (the engine's reductions have a fixed order)");
      assertFalse(src.contains("INFINITY") || src.contains("FLT_MAX") || src.contains("size_t"),
          file + " uses a name from a host header");
      assertFalse(Pattern.compile("\\b(__half2?|__nv_bfloat16)\\b").matcher(src).find(), file + " is not fp32");
    }
  }

  /** The header comment documents every kernel with exactly the parameter list of its declaration. */
  @Test
  void headerCommentsDocumentTheExactParameterLists() {
    for (GpuKernel k : GpuKernel.values()) {
      String src = k.source();
      String header = src.substring(0, src.indexOf("*/"));
      String flat = header.replaceAll("\\n\\s*\\*", " ").replaceAll("\\s+", " ");
      String documented = k.kernelName() + "(" + String.join(", ", k.parameters().stream().map(GpuKernel.Parameter::toString).toList()) + ")";
      assertTrue(flat.contains(documented), k.file() + "'s header does not document " + documented);
      assertTrue(flat.contains("Launch:"), k.file() + "'s header gives no launch geometry");
    }
  }

  @Test
  void parametersAreParsedFromTheDeclaration() {
    List<GpuKernel.Parameter> p = GpuKernel.ADAMW_UPDATE.parameters();
    assertEquals(14, p.size());
    assertEquals(new GpuKernel.Parameter("float*", "params"), p.get(0));
    assertEquals(new GpuKernel.Parameter("const unsigned char*", "decayed"), p.get(4));
    assertEquals(new GpuKernel.Parameter("float", "decay"), p.get(13));
    assertTrue(p.get(5).isPointer());
    assertFalse(p.get(6).isPointer());
    assertEquals("extern \"C\" __global__ void residual_add(float* x, const float* y, int n)", GpuKernel.RESIDUAL_ADD.declaration());
    assertEquals(new GpuKernel.Parameter("double", "clip_norm"), GpuKernel.GRAD_NORM_FINISH.parameters().get(4));
    assertEquals(List.of("matmul_naive.cu", "matmul_tiled.cu"), GpuKernel.files().subList(9, 11));
    assertEquals(List.of(GpuKernel.GELU_FORWARD, GpuKernel.GELU_BACKWARD), GpuKernel.in("gelu.cu"));
    assertThrows(IllegalArgumentException.class, () -> GpuKernel.named("no_such_kernel"));
  }

  @Test
  void launchRulesGiveTheDocumentedGeometry() {
    // GPT-2 small at B = 8, T = 1024: BT*C = 6,291,456 elements
    assertEquals(new KernelLaunch(24_576, 1, 256, 1), LaunchRule.ELEMENTS.launch(8L * 1024 * 768));
    assertEquals(new KernelLaunch(1, 1, 256, 1), LaunchRule.ELEMENTS.launch(1));
    assertEquals(new KernelLaunch(2, 1, 256, 1), LaunchRule.ELEMENTS.launch(257));
    assertEquals(new KernelLaunch(1024, 1, 256, 1), LaunchRule.WARP_PER_ROW.launch(8192)); // 8 rows a block
    assertEquals(new KernelLaunch(3, 256, 256, 1), LaunchRule.COLUMNS_BY_Y.launch(768, 8192 / GpuKernel.CHUNK_ROWS));
    assertEquals(new KernelLaunch(GpuKernel.GRAD_NORM_BLOCKS, 1, 256, 1), LaunchRule.FIXED_BLOCKS.launch(GpuKernel.GRAD_NORM_BLOCKS));
    assertEquals(new KernelLaunch(1, 1, 256, 1), LaunchRule.SINGLE_BLOCK.launch(1));
    assertEquals(new KernelLaunch(64, 2, 16, 16), LaunchRule.TILES.launch(1024, 32));
    assertEquals(256, LaunchRule.WARP_PER_ROW.launch(5).threadsPerBlock());
    assertThrows(IllegalArgumentException.class, () -> LaunchRule.COLUMNS_BY_Y.launch(768, 70_000));
    assertThrows(IllegalArgumentException.class, () -> LaunchRule.ELEMENTS.launch(0));
  }

  @Test
  void tokenBucketsListEachTokensRowsInAscendingOrder() {
    TokenBuckets b = TokenBuckets.of(new int[] {2, 0, 2, 3, 0, 2}, 5);
    assertArrayEquals(new int[] {0, 2, 2, 5, 6, 6}, b.start());
    assertArrayEquals(new int[] {1, 4, 0, 2, 5, 3}, b.rows());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TokenBuckets.of(new int[] {1, 7}, 5));
    assertEquals("token 7 at row 1 is outside the vocabulary [0, 5)", e.getMessage());
  }
}
