/** Training small language models with ND4J. */
package org.scalinglab.train;
