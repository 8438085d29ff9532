/**
 * A self-contained HTML report of a batch run: per (content, style) pair the inputs, masks, our
 * result and the reference result, a metrics table and the loss curves (inline SVG), and a summary
 * of ours vs the reference. Entry point: {@link dev.photostyle.metrics.report.HtmlReport}.
 */
package dev.photostyle.metrics.report;
