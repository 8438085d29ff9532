/**
 * Running a whole dataset: discovering the pairs of a Deep Photo Style Transfer-style folder
 * ({@link dev.photostyle.batch.DatasetPair}) and summarising the per-pair reports
 * ({@link dev.photostyle.batch.BatchSummary}) for {@code photostyle batch}.
 *
 * <p>Imports: {@code metrics} (reports); used only by {@code cli}.
 */
package dev.photostyle.batch;
