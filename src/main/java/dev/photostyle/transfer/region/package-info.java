/**
 * Several styles on one plate: each region of the content (a soft matte) takes its look from its
 * own style image, by one joint optimisation ({@link dev.photostyle.transfer.region.RegionStrategy#JOINT})
 * or by one run per region brought together by a whole-plate local affine fit
 * ({@link dev.photostyle.transfer.region.RegionStrategy#PER_REGION}). Pixels of no region keep the
 * content exactly. Entry point: {@link dev.photostyle.transfer.region.RegionTransfer}.
 */
package dev.photostyle.transfer.region;
