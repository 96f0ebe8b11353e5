/** Scaling-law models: power laws, Kaplan et al. 2020, Hoffmann et al. 2022 (Chinchilla), Henighan et al. 2020 (other domains). */
package org.scalinglab.law;
