/**
 * Job files: one plate, several regions, each with its own style. {@link dev.photostyle.job.JobFile}
 * parses the JSON into immutable {@link dev.photostyle.job.JobSpec}s, {@link dev.photostyle.job.JobLoader}
 * reads and checks the images and mattes into a {@link dev.photostyle.job.LoadedJob}, which gives the
 * working-size {@link dev.photostyle.transfer.RegionTarget}s that
 * {@link dev.photostyle.transfer.region.RegionTransfer} runs.
 */
package dev.photostyle.job;
