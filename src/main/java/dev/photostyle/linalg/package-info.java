/**
 * Small dense linear algebra shared by every layer: 3x3 symmetric matrices on the host
 * ({@link dev.photostyle.linalg.Matrix3}, {@link dev.photostyle.linalg.SymmetricEigen3}) and as
 * per-pixel tensor planes ({@link dev.photostyle.linalg.Symmetric3}). Depends on {@code engine} only.
 */
package dev.photostyle.linalg;
