package org.scalinglab.hardware;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every CUDA kernel of the GPU training engine (issue 16), by name: the resource file under
 * {@code org/scalinglab/cuda/} that holds it ({@link CudaKernels#source}), its {@code extern "C"}
 * name (what {@code cuModuleGetFunction} looks up after NVRTC or nvcc compiled the file), its launch
 * rule and the sizes to give the rule, and its parameter list, read from the source so it cannot
 * drift from it. The header comment of each file documents every kernel's parameters, what each
 * thread does and the launch geometry; the mathematics is the CPU engine's ({@code train.Kernels},
 * {@code Transformer}, {@code TiedSoftmaxHead}, {@code AdamW}).
 *
 * <p>All kernels are fp32 (double where the CPU engine sums in double: LayerNorm's statistics, the
 * softmax denominator of the output head, the per-token losses and their mean, the gradient norm),
 * row-major with {@code W[in][out]}, and use no atomics: every reduction has a fixed order, so a run
 * is repeatable bit for bit on a given GPU. The matrix products of a training step are cuBLAS GEMMs
 * issued by the host; {@link #MATMUL_TILED} is the teaching kernel and a fallback. Sizes are
 * {@code int}: every tensor must have fewer than 2³¹ elements. Compile each file whole, with NVRTC's
 * default (IEEE) division and square root, i.e. without {@code --use_fast_math}; {@code --fmad=false}
 * gives the closest agreement with the CPU engine's unfused Java arithmetic.
 */
public enum GpuKernel {
  // embedding (encoder.cu)
  ENCODER_FORWARD("encoder.cu", "encoder_forward", LaunchRule.ELEMENTS, "BT*C"),
  ENCODER_BACKWARD_WPE("encoder.cu", "encoder_backward_wpe", LaunchRule.ELEMENTS, "T*C"),
  ENCODER_BACKWARD_WTE("encoder.cu", "encoder_backward_wte", LaunchRule.COLUMNS_BY_Y, "C, V"),
  // layer norm (layernorm.cu)
  LAYERNORM_FORWARD("layernorm.cu", "layernorm_forward", LaunchRule.WARP_PER_ROW, "rows"),
  LAYERNORM_BACKWARD_DX("layernorm.cu", "layernorm_backward_dx", LaunchRule.WARP_PER_ROW, "rows"),
  LAYERNORM_BACKWARD_PARAMS_PARTIAL("layernorm.cu", "layernorm_backward_params_partial", LaunchRule.COLUMNS_BY_Y,
      "C, ceil(rows/chunk_rows)"),
  // the bias of linear layers and column sums (linear.cu)
  BIAS_BROADCAST("linear.cu", "bias_broadcast", LaunchRule.ELEMENTS, "rows*width"),
  COLUMN_SUMS_PARTIAL("linear.cu", "column_sums_partial", LaunchRule.COLUMNS_BY_Y, "width, ceil(rows/chunk_rows)"),
  COLUMN_SUMS_FINISH("linear.cu", "column_sums_finish", LaunchRule.ELEMENTS, "width"),
  // attention (attention.cu)
  ATTENTION_SPLIT_HEADS("attention.cu", "attention_split_heads", LaunchRule.ELEMENTS, "B*NH*T*HS"),
  ATTENTION_MERGE_HEADS("attention.cu", "attention_merge_heads", LaunchRule.ELEMENTS, "B*NH*T*HS"),
  ATTENTION_MERGE_HEADS_BACKWARD("attention.cu", "attention_merge_heads_backward", LaunchRule.ELEMENTS, "B*NH*T*HS"),
  ATTENTION_SPLIT_HEADS_BACKWARD("attention.cu", "attention_split_heads_backward", LaunchRule.ELEMENTS, "B*NH*T*HS"),
  SOFTMAX_CAUSAL_FORWARD("attention.cu", "softmax_causal_forward", LaunchRule.WARP_PER_ROW, "B*NH*T"),
  SOFTMAX_CAUSAL_BACKWARD("attention.cu", "softmax_causal_backward", LaunchRule.WARP_PER_ROW, "B*NH*T"),
  // GELU (gelu.cu)
  GELU_FORWARD("gelu.cu", "gelu_forward", LaunchRule.ELEMENTS, "n"),
  GELU_BACKWARD("gelu.cu", "gelu_backward", LaunchRule.ELEMENTS, "n"),
  // residual (residual.cu)
  RESIDUAL_ADD("residual.cu", "residual_add", LaunchRule.ELEMENTS, "n"),
  // softmax + cross-entropy of the tied head (crossentropy.cu)
  CROSSENTROPY_SOFTMAX_FORWARD("crossentropy.cu", "crossentropy_softmax_forward", LaunchRule.WARP_PER_ROW, "rows"),
  CROSSENTROPY_SOFTMAX_BACKWARD("crossentropy.cu", "crossentropy_softmax_backward", LaunchRule.ELEMENTS, "rows*V"),
  CROSSENTROPY_SOFTMAX_FORWARD_BACKWARD("crossentropy.cu", "crossentropy_softmax_forward_backward",
      LaunchRule.WARP_PER_ROW, "rows"),
  LOSS_MEAN("crossentropy.cu", "loss_mean", LaunchRule.SINGLE_BLOCK, "-"),
  // optimiser (gradnorm.cu, adamw.cu)
  GRAD_NORM_PARTIAL("gradnorm.cu", "grad_norm_partial", LaunchRule.FIXED_BLOCKS, "GRAD_NORM_BLOCKS"),
  GRAD_NORM_FINISH("gradnorm.cu", "grad_norm_finish", LaunchRule.SINGLE_BLOCK, "-"),
  ADAMW_UPDATE("adamw.cu", "adamw_update", LaunchRule.ELEMENTS, "n"),
  // matrix products (teaching kernels and fallback)
  MATMUL_NAIVE("matmul_naive.cu", "matmul_naive", LaunchRule.TILES, "N, M"),
  MATMUL_TILED("matmul_tiled.cu", "matmul_tiled", LaunchRule.TILES, "N, M");

  /** Blocks of {@link #GRAD_NORM_PARTIAL} (fixed, so the norm is the same sum on every GPU). */
  public static final int GRAD_NORM_BLOCKS = 1024;
  /** Rows per chunk suggested for the two-stage column sums (bias and LayerNorm parameter gradients). */
  public static final int CHUNK_ROWS = 32;

  /**
   * One parameter of a kernel as declared in C.
   *
   * @param type the C type: {@code float*}, {@code const float*}, {@code const int*},
   *     {@code double*}, {@code const unsigned char*}, {@code int}, {@code float}, {@code double}
   * @param name the parameter's name in the source and its header comment
   */
  public record Parameter(String type, String name) {
    /** Whether the argument is a device pointer (a {@code CUdeviceptr}, 8 bytes). */
    public boolean isPointer() {
      return type.endsWith("*");
    }

    @Override
    public String toString() {
      return type + " " + name;
    }
  }

  private final String file, kernelName, sizes;
  private final LaunchRule rule;
  private volatile List<Parameter> parameters;

  GpuKernel(String file, String kernelName, LaunchRule rule, String sizes) {
    this.file = file;
    this.kernelName = kernelName;
    this.rule = rule;
    this.sizes = sizes;
  }

  /** The resource file under {@code org/scalinglab/cuda/} that defines this kernel. */
  public String file() {
    return file;
  }

  /** The kernel's {@code extern "C"} name. */
  public String kernelName() {
    return kernelName;
  }

  /** How it is launched. */
  public LaunchRule rule() {
    return rule;
  }

  /** The sizes to pass to {@link LaunchRule#launch(long, long)} ({@code x, y}; "-" when none). */
  public String sizes() {
    return sizes;
  }

  /** Its file's source text. */
  public String source() {
    return CudaKernels.source(file);
  }

  /** The kernel's declaration in its file, e.g. {@code extern "C" __global__ void residual_add(float* x, ...)}. */
  public String declaration() {
    String src = source();
    Matcher m = Pattern.compile("extern \"C\" __global__ void " + Pattern.quote(kernelName) + "\\(([^)]*)\\)").matcher(src);
    if (!m.find()) throw new IllegalStateException(file + " has no kernel " + kernelName);
    return "extern \"C\" __global__ void " + kernelName + "(" + m.group(1).replaceAll("\\s+", " ").trim() + ")";
  }

  /** The parameters, in order, as declared in the source (parsed once: the engine checks every launch against them). */
  public List<Parameter> parameters() {
    List<Parameter> p = parameters;
    if (p == null) parameters = p = List.copyOf(parseParameters());
    return p;
  }

  private List<Parameter> parseParameters() {
    String decl = declaration();
    String inside = decl.substring(decl.indexOf('(') + 1, decl.length() - 1).trim();
    List<Parameter> out = new ArrayList<>();
    if (inside.isEmpty()) return out;
    for (String p : inside.split(",")) {
      String s = p.trim();
      int cut = Math.max(s.lastIndexOf(' '), s.lastIndexOf('*'));
      out.add(new Parameter(s.substring(0, cut + 1).trim(), s.substring(cut + 1).trim()));
    }
    return out;
  }

  /** The kernel files, each once, in the order of the constants. */
  public static List<String> files() {
    return Arrays.stream(values()).map(GpuKernel::file).distinct().toList();
  }

  /** The kernels defined in {@code file}. */
  public static List<GpuKernel> in(String file) {
    return Arrays.stream(values()).filter(k -> k.file.equals(file)).toList();
  }

  /** The kernel of that {@code extern "C"} name. */
  public static GpuKernel named(String kernelName) {
    for (GpuKernel k : values()) {
      if (k.kernelName.equals(kernelName)) return k;
    }
    throw new IllegalArgumentException("no GPU kernel named " + kernelName.toLowerCase(Locale.ROOT));
  }
}
