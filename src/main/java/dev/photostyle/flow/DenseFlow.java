package dev.photostyle.flow;

import dev.photostyle.io.image.FloatImage;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Objects;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_video.DISOpticalFlow;

/**
 * Dense optical flow between two frames by OpenCV's DIS (Dense Inverse Search; Kroeger et al.,
 * "Fast Optical Flow using Dense Inverse Search", ECCV 2016) with variational refinement, as
 * used for video style transfer by Ruder et al., "Artistic style transfer for videos" (GCPR 2016).
 *
 * <p>Convention (backward-warping): {@code compute(a, b)} returns the flow {@code f} with
 * {@code a(x) ~ b(x + f(x))}, as a 2-channel {@link FloatImage} the size of the frames: channel 0
 * is the x displacement, channel 1 the y displacement, in pixels. So
 * {@code Warp.backward(b, compute(a, b))} approximates {@code a}. To bring frame t-1 onto frame t,
 * use {@code compute(frameT, framePrev)}.
 *
 * <p>DIS works on 8-bit luminance: frames should be display-referred (e.g. the output of
 * {@code ColourTransform.toNetwork}); their Rec.709 luma is clamped to [0, 1] and quantised.
 *
 * <p>Example: {@code FloatImage f = new DenseFlow(DenseFlow.Preset.MEDIUM).compute(frame2, frame1);}
 *
 * @param preset DIS speed/quality preset
 */
public record DenseFlow(Preset preset) {
    /** DIS presets (OpenCV's PRESET_ULTRAFAST, PRESET_FAST, PRESET_MEDIUM). */
    public enum Preset { ULTRAFAST, FAST, MEDIUM }

    public DenseFlow {
        Objects.requireNonNull(preset, "preset");
    }

    /** MEDIUM: the most accurate preset. */
    public static DenseFlow medium() { return new DenseFlow(Preset.MEDIUM); }

    /** The flow f with {@code a(x) ~ b(x + f(x))}; see the class comment. */
    public FloatImage compute(FloatImage a, FloatImage b) {
        if (!a.sameSize(b)) {
            throw new IllegalArgumentException("frames differ in size: " + a + " vs " + b);
        }
        int w = a.width();
        int h = a.height();
        int cvPreset = switch (preset) {
            case ULTRAFAST -> DISOpticalFlow.PRESET_ULTRAFAST;
            case FAST -> DISOpticalFlow.PRESET_FAST;
            case MEDIUM -> DISOpticalFlow.PRESET_MEDIUM;
        };
        try (Mat ga = luma8(a); Mat gb = luma8(b); Mat flow = new Mat();
             DISOpticalFlow dis = DISOpticalFlow.create(cvPreset)) {
            dis.calc(ga, gb, flow);
            if (flow.cols() != w || flow.rows() != h || flow.type() != opencv_core.CV_32FC2) {
                throw new IllegalStateException("DIS returned an unexpected flow " + flow.cols() + "x" + flow.rows());
            }
            float[] inter = new float[2 * w * h];
            flow.<FloatBuffer>createBuffer().get(inter);
            int n = w * h;
            float[] planar = new float[2 * n];
            for (int i = 0; i < n; i++) {
                planar[i] = inter[2 * i];
                planar[n + i] = inter[2 * i + 1];
            }
            return FloatImage.wrap(w, h, 2, planar);
        }
    }

    /** Rec.709 luma (gray images used as they are), clamped, as an 8-bit single-channel Mat. */
    static Mat luma8(FloatImage img) {
        int n = img.pixels();
        float[] d = img.toArray();
        byte[] g = new byte[n];
        boolean rgb = img.channels() >= 3;
        for (int i = 0; i < n; i++) {
            double y = rgb ? 0.2126 * d[i] + 0.7152 * d[n + i] + 0.0722 * d[2 * n + i] : d[i];
            y = Math.max(0, Math.min(1, Double.isNaN(y) ? 0 : y));
            g[i] = (byte) Math.round(y * 255);
        }
        Mat m = new Mat(img.height(), img.width(), opencv_core.CV_8UC1);
        m.<ByteBuffer>createBuffer().put(g);
        return m;
    }
}
