/**
 * Units and identities every layer shares: petaflop/s-days and training compute C ≈ 6ND. A leaf:
 * it imports no other scalinglab package, so the laws, the data readers and the fitters can all use
 * it without depending on one another.
 */
package org.scalinglab.units;
