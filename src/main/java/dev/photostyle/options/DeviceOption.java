package dev.photostyle.options;

import ai.djl.Device;
import ai.djl.engine.Engine;

import java.util.Locale;

import picocli.CommandLine.Option;

/**
 * The {@code --device} option of every command that runs the network ({@link TransferOptions},
 * {@code bench}), and its resolution to a DJL device.
 */
public final class DeviceOption {
    @Option(names = "--device", defaultValue = "auto", paramLabel = "auto|cpu|gpu", description = "Where to run (default: ${DEFAULT-VALUE}).")
    String device;

    /** The value of {@code --device} as given ({@code auto}, {@code cpu} or {@code gpu}), e.g. to pass it on to a child process. */
    public String name() {
        return device;
    }

    /** The device named by {@code --device}; {@code gpu} without a visible GPU is an error. */
    public Device device() {
        return switch (device.toLowerCase(Locale.ROOT)) {
            case "auto" -> Engine.getInstance().defaultDevice();
            case "cpu" -> Device.cpu();
            case "gpu", "cuda" -> {
                if (Engine.getInstance().getGpuCount() == 0) {
                    throw new IllegalArgumentException("--device gpu: no GPU visible to PyTorch "
                            + "(build with 'mvn -Pgpu package' for CUDA natives)");
                }
                yield Device.gpu();
            }
            default -> throw new IllegalArgumentException("--device must be auto, cpu or gpu, got " + device);
        };
    }
}
