/**
 * The option groups of the commands that run shots and batches, as picocli mixins, and their
 * wiring into library jobs: {@link dev.photostyle.options.TransferOptions} (every transfer
 * setting, into a {@code TransferConfig}), {@link dev.photostyle.options.LookApplyOptions} (into a
 * {@code ShotLook}), {@link dev.photostyle.options.SequenceOptions} (into a {@code SequenceTransfer}),
 * {@link dev.photostyle.options.BatchOptions} (into a {@code BatchJob}). The CLI's commands and the
 * Spark farm ({@code photostyle-spark}) both parse with these, so they take the same options and
 * run the same code.
 *
 * <p>Imports: everything of the library; never {@code cli}.
 */
package dev.photostyle.options;
