/**
 * A plate in, a plate out: the one path every command runs.
 *
 * <p>{@link dev.photostyle.pipeline.PlateTransfer} owns what happens around an optimisation: the
 * colour round trip into the network's display sRGB and back ({@link dev.photostyle.colour.ColourSettings}),
 * the method ({@link dev.photostyle.transfer.TransferRun} or a multi-region
 * {@link dev.photostyle.transfer.region.RegionTransfer}), the output stage (post-step, output size),
 * the plate's alpha, the protected pixels (exactly the plate's own values wherever no matched region
 * reaches) and the report. {@link dev.photostyle.pipeline.PlateOutput} writes the plate and the
 * report atomically. The commands in {@code cli} only parse options into these records and print.
 *
 * <p>Imports: {@code io}, {@code mask}, {@code features}, {@code transfer}, {@code job},
 * {@code colour}; never {@code cli}.
 */
package dev.photostyle.pipeline;
