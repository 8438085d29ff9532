/**
 * Running a whole dataset: discovering the pairs of a Deep Photo Style Transfer-style folder
 * ({@link dev.photostyle.batch.DatasetPair}), one pair's transfer and evaluation and the report over
 * all pairs ({@link dev.photostyle.batch.BatchJob}), and the summary
 * ({@link dev.photostyle.batch.BatchSummary}), for {@code photostyle batch} and the Spark farm.
 *
 * <p>Imports: {@code metrics} (reports), {@code pipeline} and what it may import.
 */
package dev.photostyle.batch;
