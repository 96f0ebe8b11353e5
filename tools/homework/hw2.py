from nbbuild import md, code, write, ROOT
import os

cells = [
md("""# Homework 2 · Spend a budget, predict the frontier

You have **2·10¹⁸ FLOPs** to spend on training runs, and you must predict what a lab with **1,000×** that
budget should train: the compute-optimal model size N* and the loss it reaches. (This is the design of
Stanford CS336's scaling-law assignment, made offline and reproducible.)

The runs come from a `TrainingOracle`: `oracle.query(N, D)` "trains" a model of N parameters on D tokens
and returns its final loss. Each query costs C = 6ND FLOPs from your budget (asking the same run twice
costs twice and returns the same number); a query that would overspend is refused with an error. Behind
the oracle is a Chinchilla-form law L = E + A/N^α + B/D^β whose constants depend on your **seed**, plus
≈0.5% run-to-run noise — as with real training runs, you never see the law itself.

Plan IsoFLOP runs (Hoffmann et al. 2022, Section 3.2), fit Approaches 2 and 3 (notebook 04), and
predict. **Grading:** your predicted N* at 1,000× the budget must be within a factor 1.6 of the hidden
law's, and your predicted loss within 6%. Questions ask you to complete methods where it says
`// YOUR CODE HERE`; hidden tests call them on other inputs, so compute, never hard-code. Grade
yourself with `./scalinglab grade hw2-budget-frontier.ipynb`."""),
code("""import java.util.*;
import org.scalinglab.oracle.*;
import org.scalinglab.units.*;
import org.apache.commons.math3.fitting.*;
// Your seed: your student number (the grader reads SEED from this cell)
long SEED = 14;
var oracle = TrainingOracle.builder().seed(SEED).budget(TrainingOracle.DEFAULT_BUDGET).build();
oracle.budget()"""),
md("""## Q1 · Plan the IsoFLOP runs (2 points)

For each compute budget C, choose `perBudget` model sizes N spaced evenly in log N from N₀/`spread` to
N₀·`spread` around a first guess N₀, and give each the tokens D = C/(6N) that spend exactly C. A good
first guess is the rule of thumb of ≈20 tokens per parameter: C = 6·N₀·20N₀. Return the runs as
`{N, D}` pairs, budgets in the order given."""),
code("""List<double[]> isoFlopPlan(double[] budgets, int perBudget, double spread) {
  // BEGIN SOLUTION
  List<double[]> plan = new ArrayList<>();
  for (double c : budgets) {
    double n0 = Math.sqrt(c / 120);
    for (int i = 0; i < perBudget; i++) {
      double n = n0 * Math.pow(spread, 2.0 * i / (perBudget - 1) - 1);
      plan.add(new double[] {n, c / (6 * n)});
    }
  }
  return plan;
  // END SOLUTION
  // BEGIN STUB
  // return new ArrayList<>();
  // END STUB
}""", question="q1", points=2, title="IsoFLOP plan"),
code("""var p1 = isoFlopPlan(new double[] {1e15, 1e17}, 9, 6);
check("runs planned", 18, p1.size(), 0);
checkRel("each run spends its budget: 6ND = C", 1e15, 6 * p1.get(0)[0] * p1.get(0)[1], 1e-9);
checkRel("the sizes span spread² = 36×", 36, p1.get(8)[0] / p1.get(0)[0], 1e-9);
checkRel("the middle run has 20 tokens per parameter", 20, p1.get(4)[1] / p1.get(4)[0], 1e-9);""", tests="q1"),
code("""var p2 = isoFlopPlan(new double[] {3e16, 1e18, 1e19}, 5, 4);
check("runs planned", 15, p2.size(), 0);
double cost = 0;
for (double[] r : p2) cost += 6 * r[0] * r[1];
checkRel("total cost = 5 × (3e16 + 1e18 + 1e19)", 5 * (3e16 + 1e18 + 1e19), cost, 1e-9);
checkRel("sizes span 16× at the last budget", 16, p2.get(14)[0] / p2.get(10)[0], 1e-9);""", tests="q1", hidden=True),
md("""### Spend the budget

Five budgets from 10¹⁵ to 10¹⁷ FLOPs, nine sizes each, spanning 36× in N: 1.3·10¹⁸ FLOPs of the 2·10¹⁸.
(You may change the plan: the grader only checks your final predictions — and the oracle refuses
to overspend.)"""),
code("""double[] BUDGETS = {1e15, 3e15, 1e16, 3e16, 1e17};
for (double[] run : isoFlopPlan(BUDGETS, 9, 6)) oracle.query(run[0], run[1]);
Runs runs = oracle.runs();
System.out.printf("%d runs, %.3g of %.3g FLOPs spent%n", runs.size(), oracle.spent(), oracle.budget());
runs.toTable()"""),
md("""## Q2 · The minimum of an IsoFLOP profile (3 points)

Approach 2 fits, at each budget, a parabola of the loss against ln N, loss ≈ c₀ + c₁·ln N + c₂·(ln N)²,
and takes its vertex as that budget's N*. Complete the method (Commons Math's
`PolynomialCurveFitter.create(2)` fits the parabola to `WeightedObservedPoints`, or solve the 3×3
normal equations yourself). Return N at the vertex."""),
code("""double isoFlopOptimum(double[] params, double[] losses) {
  // BEGIN SOLUTION
  var pts = new WeightedObservedPoints();
  for (int i = 0; i < params.length; i++) pts.add(Math.log(params[i]), losses[i]);
  double[] c = PolynomialCurveFitter.create(2).fit(pts.toList());
  return Math.exp(-c[1] / (2 * c[2]));
  // END SOLUTION
  // BEGIN STUB
  // return Double.NaN;
  // END STUB
}""", question="q2", points=3, title="IsoFLOP minimum"),
code("""// reference IsoFLOP runs of Hoffmann et al.'s law with 0.5% noise (independent of your Q1 plan)
var law = ChinchillaLaw.HOFFMANN_2022;
double[] refC = {1e18, 1e19, 1e20, 1e21};
double[] refCenters = Arrays.stream(refC).map(law::optimalParams).toArray();
var refA2 = Approach2Fit.builder().build().fit(SyntheticRuns.isoFlop(law, refC, refCenters, 9, 4, 0.005, 1));
for (var prof : refA2.profiles()) {
  checkRel(String.format("N* at C = %.0e (the library's Approach 2)", prof.budget()), prof.optimalParams(),
      isoFlopOptimum(prof.runs().params(), prof.runs().loss()), 1e-6);
}""", tests="q2"),
code("""double[] ns = {1e7, 3e7, 1e8, 3e8, 1e9};
double[] ls = new double[5];
for (int i = 0; i < 5; i++) ls[i] = 2 + 0.1 * Math.pow(Math.log(ns[i]) - Math.log(2e8), 2);
checkRel("an exact parabola with its vertex at 2e8", 2e8, isoFlopOptimum(ns, ls), 1e-6);""", tests="q2", hidden=True),
md("""## Q3 · Fit N* ∝ Cᵃ (2 points)

Across budgets, the optimal sizes follow a power law N* = k·Cᵃ. Fit it by least squares on
(ln C, ln N*) and return `{a, k}`."""),
code("""double[] powerLawFit(double[] x, double[] y) {
  // BEGIN SOLUTION
  int n = x.length;
  double mx = 0, my = 0;
  for (int i = 0; i < n; i++) { mx += Math.log(x[i]) / n; my += Math.log(y[i]) / n; }
  double sxy = 0, sxx = 0;
  for (int i = 0; i < n; i++) {
    sxy += (Math.log(x[i]) - mx) * (Math.log(y[i]) - my);
    sxx += (Math.log(x[i]) - mx) * (Math.log(x[i]) - mx);
  }
  double a = sxy / sxx;
  return new double[] {a, Math.exp(my - a * mx)};
  // END SOLUTION
  // BEGIN STUB
  // return new double[] {Double.NaN, Double.NaN};
  // END STUB
}""", question="q3", points=2, title="N* ∝ C^a"),
code("""var law = ChinchillaLaw.HOFFMANN_2022;
double[] refC = {1e18, 1e19, 1e20, 1e21};
var refA2 = Approach2Fit.builder().build().fit(
    SyntheticRuns.isoFlop(law, refC, Arrays.stream(refC).map(law::optimalParams).toArray(), 9, 4, 0.005, 1));
double[] fitted = powerLawFit(refC, refA2.profiles().stream().mapToDouble(p -> p.optimalParams()).toArray());
checkRel("a, as the library's Approach 2 finds it", refA2.paramsExponent(), fitted[0], 1e-6);
checkBetween("a near β/(α+β) = 0.45 of Hoffmann et al.'s law", 0.4, 0.5, fitted[0]);""", tests="q3"),
code("""double[] fx = {1, 10, 100, 1000};
double[] fy = {3, 3 * Math.pow(10, 0.7), 3 * Math.pow(100, 0.7), 3 * Math.pow(1000, 0.7)};
double[] f = powerLawFit(fx, fy);
checkRel("exact power law: exponent", 0.7, f[0], 1e-9);
checkRel("exact power law: coefficient", 3, f[1], 1e-9);""", tests="q3", hidden=True),
md("""## Q4 · The compute-optimal size of a Chinchilla law (3 points)

Minimise L(N, D) = E + A/N^α + B/D^β subject to 6ND = C (Hoffmann et al. 2022, Eq. 4 and Appendix A):
the optimum is N*(C) = G·(C/6)^(β/(α+β)) with G = (αA/(βB))^(1/(α+β)). Complete the method."""),
code("""double optimalParams(double a, double b, double alpha, double beta, double compute) {
  // BEGIN SOLUTION
  double g = Math.pow(alpha * a / (beta * b), 1 / (alpha + beta));
  return g * Math.pow(compute / 6, beta / (alpha + beta));
  // END SOLUTION
  // BEGIN STUB
  // return Double.NaN;
  // END STUB
}""", question="q4", points=3, title="N* of a Chinchilla law"),
code("""var chin = ChinchillaLaw.HOFFMANN_2022;
checkRel("N* at Gopher's 5.76e23 FLOPs with Hoffmann et al.'s printed constants", chin.optimalParams(5.76e23),
    optimalParams(chin.a(), chin.b(), chin.alpha(), chin.beta(), 5.76e23), 1e-9);""", tests="q4"),
code("""var other = new ChinchillaLaw(1.8, 300, 900, 0.3, 0.4);
checkRel("another law, another budget", other.optimalParams(1e21), optimalParams(300, 900, 0.3, 0.4, 1e21), 1e-9);""",
     tests="q4", hidden=True),
md("""### Approach 3

Fit L(N, D) to all your runs (Huber loss on log-loss, L-BFGS from 4,500 starts; notebook 04)."""),
code("""var a3 = Approach3Fit.builder().build().fit(runs);
a3"""),
md("""## Q5 · Predict the frontier at 1,000× the budget (4 points)

Use your Approach 3 law (`a3`) and your Q4 method to predict the compute-optimal N* at C = 1,000 × your
budget, and the loss that model reaches on D* = C/(6N*) tokens. Compare with Approach 2's extrapolation
of N* ∝ Cᵃ (Q3): how far apart are the two after extrapolating 20,000× beyond your largest run?
The grader compares your two numbers with the hidden law (2 points each)."""),
code("""double predictedOptimalParams(double compute) {
  // BEGIN SOLUTION
  return optimalParams(a3.A(), a3.B(), a3.alpha(), a3.beta(), compute);
  // END SOLUTION
  // BEGIN STUB
  // return Double.NaN;
  // END STUB
}

double predictedLoss(double compute) {
  // BEGIN SOLUTION
  double n = predictedOptimalParams(compute);
  return a3.predictLoss(n, compute / (6 * n));
  // END SOLUTION
  // BEGIN STUB
  // return Double.NaN;
  // END STUB
}""", question="q5", points=4, title="N* and loss at 1,000× the budget"),
code("""double BIG = 1000 * oracle.budget();
double nBig = predictedOptimalParams(BIG);
checkBetween("N* at 1,000× lies beyond every model you trained", 2e8, 1e12, nBig);
checkBetween("the predicted loss is below every loss you measured", 1.0, Arrays.stream(runs.loss()).min().getAsDouble(), predictedLoss(BIG));""", tests="q5"),
code("""var hidden = HiddenLaw.forSeed(SEED);
double truth = hidden.optimalParams(1000 * TrainingOracle.DEFAULT_BUDGET);
checkBetween("N* at 1,000× within a factor " + HiddenLaw.PARAMS_FACTOR + " of the hidden law's",
    1 / HiddenLaw.PARAMS_FACTOR, HiddenLaw.PARAMS_FACTOR, predictedOptimalParams(1000 * TrainingOracle.DEFAULT_BUDGET) / truth);""",
     tests="q5", hidden=True),
code("""var hidden = HiddenLaw.forSeed(SEED);
checkRel("loss at 1,000× within " + HiddenLaw.LOSS_TOLERANCE * 100 + "% of the hidden law's",
    hidden.optimalLoss(1000 * TrainingOracle.DEFAULT_BUDGET), predictedLoss(1000 * TrainingOracle.DEFAULT_BUDGET), HiddenLaw.LOSS_TOLERANCE);""",
     tests="q5", hidden=True),
md("""### Approach 2 on your runs, for comparison"""),
code("""var a2 = Approach2Fit.builder().build().fit(runs);
double[] line = powerLawFit(a2.profiles().stream().mapToDouble(p -> p.budget()).toArray(),
    a2.profiles().stream().mapToDouble(p -> p.optimalParams()).toArray());
double big = 1000 * oracle.budget();
System.out.printf("a = %.3f; N* at %.3g FLOPs: Approach 3 %.3g, Approach 2 %.3g%n", line[0], big,
    predictedOptimalParams(big), line[1] * Math.pow(big, line[0]));
checkRel("your fit of N* ∝ C^a matches the library's a", a2.paramsExponent(), line[0], 1e-6);"""),
md("""## What you found

Forty-five runs at ≤10¹⁷ FLOPs each pin down the frontier well enough to predict a model 100× larger
than any you trained, at a budget 20,000× your largest run: Approach 3's N* typically lands within
10–20% of the truth and its loss within a few percent, while Approach 2's straight line in log–log
can drift further (the ±0.5% noise moves each parabola's vertex). Lecture 3's caution applies: the
further you extrapolate, the more a small error in an exponent costs."""),
]

write(os.path.join(ROOT, "notebooks", "homework", "hw2-budget-frontier.ipynb"), cells)
