/**
 * A budget-limited "training oracle" for homework 2: it returns the final loss of a run of N
 * parameters on D tokens from a hidden Chinchilla-form law (different per student seed) with
 * run-to-run noise, and charges each query's 6ND FLOPs against a compute budget. The design follows
 * the scaling-law assignment of Stanford CS336 (a training API with a FLOPs budget), made offline
 * and reproducible: the same seed and the same queries give the same losses on every machine.
 */
package org.scalinglab.oracle;
