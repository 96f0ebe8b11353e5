/** Training small language models: a hand-written transformer and LSTM on OpenBLAS sgemm. */
package org.scalinglab.train;
