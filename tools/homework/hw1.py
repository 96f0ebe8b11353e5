from nbbuild import md, code, write, ROOT
import os

cells = [
md("""# Homework 1 · Compute accounting

Before anyone trains a large model, someone adds up what it will cost. In this assignment you write that
arithmetic yourself, for the shape of **GPT-2 XL** (Radford et al. 2019; the counting rules are Kaplan et
al. 2020, Section 2.1 and Table 1, as in notebook 03):

| n_vocab | n_ctx | n_layer | d_model | heads | d_ff |
|---|---|---|---|---|---|
| 50,257 | 1,024 | 48 | 1,600 | 25 | 6,400 |

trained on **D = 100 billion tokens** on **64 NVIDIA A100s** (312 TFLOP/s dense BF16 each) at a model FLOPs
utilisation (**MFU**) of **45%**.

**How this homework works.** Each question asks you to complete one or two short methods where it says
`// YOUR CODE HERE` (replace the placeholder `return`). The cell after it holds visible tests: run it to
check your work. The grader also runs hidden tests — the same methods on other shapes — so compute from
the arguments, never hard-code a number. Grade yourself with `./scalinglab grade hw1-compute-accounting.ipynb`.
Do not rename the methods and do not delete or merge the question cells (the grader finds them by their
id)."""),
code("""import org.scalinglab.units.*;
// The assignment's model and run (do not change)
var shape = new TransformerShape(50257, 1024, 48, 1600, 25, 6400);
double TOKENS = 100e9;
int GPUS = 64;
double MFU = 0.45;
shape"""),
md("""## Q1 · Parameters (2 points)

Count the **non-embedding** parameters N of a decoder-only transformer without biases and layer norms:
per layer the attention projections Q, K, V and output (each d_model × d_model) and the two
feed-forward matrices (d_model × d_ff and d_ff × d_model). Then the **embedding** parameters: a token
embedding (n_vocab × d_model) and learned positions (n_ctx × d_model). Use `long` arithmetic: these
numbers overflow an `int`."""),
code("""long nonEmbeddingParams(int layers, int dModel, int dFf) {
  // BEGIN SOLUTION
  return 4L * layers * dModel * dModel + 2L * layers * dModel * dFf;
  // END SOLUTION
  // BEGIN STUB
  // return 0;
  // END STUB
}

long embeddingParams(int vocab, int context, int dModel) {
  // BEGIN SOLUTION
  return ((long) vocab + context) * dModel;
  // END SOLUTION
  // BEGIN STUB
  // return 0;
  // END STUB
}""", question="q1", points=2, title="Parameters"),
code("""long n = nonEmbeddingParams(shape.layers(), shape.dModel(), shape.dFf());
check("GPT-2 XL non-embedding parameters", 1_474_560_000, n, 0);
check("GPT-2 XL embedding parameters", 82_049_600, embeddingParams(shape.vocab(), shape.context(), shape.dModel()), 0);
checkRel("N ≈ 12·n_layer·d_model² when d_ff = 4·d_model", 12.0 * 48 * 1600 * 1600, n, 1e-12);""", tests="q1"),
code("""var gpt3 = TransformerShape.GPT3_175B;
check("GPT-3 175B non-embedding parameters", gpt3.nonEmbeddingParams(), nonEmbeddingParams(gpt3.layers(), gpt3.dModel(), gpt3.dFf()), 0);
check("GPT-3 175B embedding parameters", gpt3.embeddingParams(), embeddingParams(gpt3.vocab(), gpt3.context(), gpt3.dModel()), 0);
var odd = new TransformerShape(32000, 4096, 32, 4096, 32, 11008);
check("non-embedding parameters with d_ff ≠ 4·d_model", odd.nonEmbeddingParams(), nonEmbeddingParams(odd.layers(), odd.dModel(), odd.dFf()), 0);""",
     tests="q1", hidden=True),
md("""## Q2 · FLOPs per token (2 points)

A forward pass costs about 2 FLOPs per parameter per token (a multiply and an add), **2N**, plus the
attention over the context: each of the n_layer layers compares the token with n_ctx keys and mixes
n_ctx values, **2·n_layer·n_ctx·d_model** FLOPs (Kaplan et al. Eq. 2.2). Training (forward and
backward) costs about **3×** the forward pass. Complete the method: forward FLOPs per token with or
without the attention term. Then see how much the attention term adds for GPT-2 XL."""),
code("""double forwardFlopsPerToken(long nonEmbeddingParams, int layers, int context, int dModel, boolean withAttention) {
  // BEGIN SOLUTION
  double f = 2.0 * nonEmbeddingParams;
  if (withAttention) f += 2.0 * layers * (double) context * dModel;
  return f;
  // END SOLUTION
  // BEGIN STUB
  // return Double.NaN;
  // END STUB
}

double trainingFlopsPerToken(double forwardFlopsPerToken) {
  // BEGIN SOLUTION
  return 3 * forwardFlopsPerToken;
  // END SOLUTION
  // BEGIN STUB
  // return Double.NaN;
  // END STUB
}""", question="q2", points=2, title="FLOPs per token"),
code("""double fwd = forwardFlopsPerToken(1_474_560_000L, 48, 1024, 1600, true);
double fwdNoAttn = forwardFlopsPerToken(1_474_560_000L, 48, 1024, 1600, false);
checkRel("forward FLOPs per token, with attention", 3.1063e9, fwd, 1e-4);
checkRel("forward FLOPs per token, without attention (2N)", 2.94912e9, fwdNoAttn, 1e-9);
checkRel("training FLOPs per token", 9.3188e9, trainingFlopsPerToken(fwd), 1e-4);
checkBetween("the attention term adds about 5% at n_ctx = 1024", 0.04, 0.06, fwd / fwdNoAttn - 1);""", tests="q2"),
code("""var gpt3 = TransformerShape.GPT3_175B;
checkRel("GPT-3 forward FLOPs per token", gpt3.flopsPerTokenForward(),
    forwardFlopsPerToken(gpt3.nonEmbeddingParams(), gpt3.layers(), gpt3.context(), gpt3.dModel(), true), 1e-12);
checkRel("GPT-3 training FLOPs per token", gpt3.flopsPerTokenTraining(), trainingFlopsPerToken(gpt3.flopsPerTokenForward()), 1e-12);
var longCtx = new TransformerShape(32000, 32768, 12, 768, 12, 3072);
checkRel("a long-context model: attention dominates", longCtx.flopsPerTokenForward(),
    forwardFlopsPerToken(longCtx.nonEmbeddingParams(), 12, 32768, 768, true), 1e-12);""", tests="q2", hidden=True),
md("""## Q3 · Memory for training (2 points)

Plain FP32 training with AdamW keeps, for **every** parameter (embeddings included): the weight
(4 bytes), its gradient (4 bytes) and AdamW's two moment estimates m and v (4 bytes each), i.e.
16 bytes per parameter before any activations (Rajbhandari et al. 2020, ZeRO, Section 3.1, count the
same 16 bytes for mixed precision: 2 + 2 for FP16 weights and gradients, 12 for the FP32 copy and
moments). Return bytes."""),
code("""double weightBytes(long params) {
  // BEGIN SOLUTION
  return 4.0 * params;
  // END SOLUTION
  // BEGIN STUB
  // return 0;
  // END STUB
}

double gradientBytes(long params) {
  // BEGIN SOLUTION
  return 4.0 * params;
  // END SOLUTION
  // BEGIN STUB
  // return 0;
  // END STUB
}

double adamStateBytes(long params) {
  // BEGIN SOLUTION
  return 2 * 4.0 * params;
  // END SOLUTION
  // BEGIN STUB
  // return 0;
  // END STUB
}""", question="q3", points=2, title="Memory for weights, gradients and AdamW"),
code("""long total = 1_474_560_000L + 82_049_600L;
double gib = Math.pow(2, 30);
checkRel("weights (GiB)", 5.799, weightBytes(total) / gib, 1e-3);
checkRel("gradients (GiB)", 5.799, gradientBytes(total) / gib, 1e-3);
checkRel("AdamW m and v (GiB)", 11.598, adamStateBytes(total) / gib, 1e-3);
checkBetween("weights + gradients + AdamW (GiB): more than a 16 GiB V100 holds", 23.19, 23.20, (weightBytes(total) + gradientBytes(total) + adamStateBytes(total)) / gib);""", tests="q3"),
code("""long p = TransformerShape.GPT3_175B.totalParams();
check("GPT-3: 16 bytes per parameter in all", 16.0 * p, weightBytes(p) + gradientBytes(p) + adamStateBytes(p), 1);
check("AdamW state is twice the weights", 2 * weightBytes(p), adamStateBytes(p), 1);""", tests="q3", hidden=True),
md("""## Q4 · Training compute in FLOPs and PF-days (2 points)

The run's training FLOPs are training FLOPs per token × tokens. Kaplan et al. report compute in
**petaflop/s-days**: one PF-day is 10¹⁵ FLOP/s sustained for a day (86,400 s). Complete both methods;
the first counts the attention term (use your Q1 and Q2 methods)."""),
code("""double trainingFlops(TransformerShape s, double tokens) {
  // BEGIN SOLUTION
  long n = nonEmbeddingParams(s.layers(), s.dModel(), s.dFf());
  return trainingFlopsPerToken(forwardFlopsPerToken(n, s.layers(), s.context(), s.dModel(), true)) * tokens;
  // END SOLUTION
  // BEGIN STUB
  // return Double.NaN;
  // END STUB
}

double pfDays(double flops) {
  // BEGIN SOLUTION
  return flops / (1e15 * 86_400);
  // END SOLUTION
  // BEGIN STUB
  // return Double.NaN;
  // END STUB
}""", question="q4", points=2, title="Training FLOPs and PF-days"),
code("""double c = trainingFlops(shape, TOKENS);
checkRel("GPT-2 XL on 100B tokens: training FLOPs", 9.3188e20, c, 1e-4);
checkRel("... in PF-days", 10.786, pfDays(c), 1e-3);
checkRel("6ND plus the attention term (+5.3%)", TrainingCompute.flops(1_474_560_000.0, TOKENS) * (1 + 157_286_400.0 / 2_949_120_000.0), c, 1e-9);""", tests="q4"),
code("""var gpt3 = TransformerShape.GPT3_175B;
checkRel("GPT-3 on 300B tokens", gpt3.trainingFlops(300e9), trainingFlops(gpt3, 300e9), 1e-12);
checkRel("GPT-3 PF-days", PfDays.fromFlops(3.14e23), pfDays(3.14e23), 1e-12);""", tests="q4", hidden=True),
md("""## Q5 · Days on GPUs (2 points)

At MFU u a device sustains u × its peak FLOP/s on the model's FLOPs (Chowdhery et al. 2022, PaLM,
Appendix B). Complete the method: wall-clock days for the FLOPs on `gpus` devices of the given peak."""),
code("""double trainingDays(double flops, double peakFlopsPerSecond, double mfu, int gpus) {
  // BEGIN SOLUTION
  return flops / (peakFlopsPerSecond * mfu * gpus) / 86_400;
  // END SOLUTION
  // BEGIN STUB
  // return Double.NaN;
  // END STUB
}""", question="q5", points=2, title="Days on 64 A100s at 45% MFU"),
code("""double c5 = shape.trainingFlops(TOKENS);
double days = trainingDays(c5, Accelerator.A100.peakFlopsPerSecond(), MFU, GPUS);
checkRel("GPT-2 XL, 100B tokens, 64 A100s at 45% MFU: days", 1.2004, days, 1e-3);
checkRel("the library agrees", Accelerator.A100.days(c5, MFU, GPUS), days, 1e-12);""", tests="q5"),
code("""checkRel("GPT-3 on 1,024 H100s at 40% MFU", Accelerator.H100.days(3.14e23, 0.40, 1024),
    trainingDays(3.14e23, Accelerator.H100.peakFlopsPerSecond(), 0.40, 1024), 1e-12);""", tests="q5", hidden=True),
md("""## What you computed

GPT-2 XL has ≈1.47 B non-embedding parameters; training it on 100 B tokens costs ≈9.3·10²⁰ FLOPs
(≈10.8 PF-days), about 5% more than 6ND because of the attention over a 1,024-token context, and
needs ≈23 GiB for weights, gradients and AdamW state before any activations: more than a 16 GiB V100 holds.
On 64 A100s at 45% MFU it takes about 1.2 days."""),
]

write(os.path.join(ROOT, "notebooks", "homework", "hw1-compute-accounting.ipynb"), cells)
