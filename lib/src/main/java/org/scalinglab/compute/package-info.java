/** Compute accounting: FLOPs per token, C = 6ND, PF-days, compute-optimal allocation. */
package org.scalinglab.compute;
