/** Demonstrations: double descent, inverse and U-shaped scaling. */
package org.scalinglab.demo;
