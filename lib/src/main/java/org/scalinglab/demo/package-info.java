/** Demonstrations: double descent, inverse and U-shaped scaling, likelihood against sample quality ({@link org.scalinglab.demo.LikelihoodMixture}). */
package org.scalinglab.demo;
