/** IsoFLOP sweeps with a resumable run ledger. */
package org.scalinglab.sweep;
