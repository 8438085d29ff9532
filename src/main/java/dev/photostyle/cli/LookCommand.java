package dev.photostyle.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code photostyle look}: a shot's look as per-region 3D LUTs, fitted once on keyframes
 * ({@code look fit}) and applied to every frame at the plate's own size ({@code look apply}).
 */
@Command(name = "look", mixinStandardHelpOptions = true,
        description = "Fit a look (per-region 3D LUTs, .cube) on keyframes; apply it to a shot.",
        subcommands = {LookFitCommand.class, LookApplyCommand.class})
public final class LookCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: fit or apply");
    }
}
