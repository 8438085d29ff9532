package dev.photostyle.sequence;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.photostyle.engine.Tensors;
import dev.photostyle.io.image.FloatImage;
import dev.photostyle.io.image.Resampler;
import dev.photostyle.transfer.ImageTerm;

/**
 * The short-term temporal loss of Ruder, Dosovitskiy and Brox, "Artistic style transfer for
 * videos" (GCPR 2016, eq. 7): the current frame x is pulled toward ω, the previous stylised frame
 * warped onto this one by the content's optical flow, wherever the flow is reliable (c = 1):
 *
 * <pre>
 *   L = weight · Σ_k c_k Σ_ch (x_ch,k − ω_ch,k)² / (3 · Σ_k c_k) / REFERENCE_MSE
 * </pre>
 * i.e. the mean squared difference over reliable pixels and channels, in units of
 * {@link #REFERENCE_MSE}. Unlike the paper's division by all D = W·H·C values, dividing by the
 * reliable count makes the term independent of the working size and of how much of the frame is
 * disoccluded, so one weight works for any shot. Zero (on the graph) when nothing is reliable.
 *
 * <p>Shapes: x (1, 3, H, W) in [0, 1] (what the network sees), ω (3, H, W), c (1, H, W) in [0, 1].
 * Example: {@code StyleTransfer.run(in, cfg, List.of(TemporalLoss.factory(warped, mask, 1)), l)}.
 */
public final class TemporalLoss implements ImageTerm {
    /** A mean squared difference of 1e-4 (RMS 0.01, about 2.5/255) scores 1 before the weight. */
    public static final double REFERENCE_MSE = 1e-4;

    private final NDArray target;
    private final NDArray mask;
    private final double scale;

    /**
     * @param target the warped previous result ω (1, 3, H, W)
     * @param mask   the reliability c (1, 1, H, W)
     * @param weight the term's weight (finite, >= 0)
     */
    public TemporalLoss(NDArray target, NDArray mask, double weight) {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("temporal weight must be finite and >= 0, got " + weight);
        }
        long[] t = target.getShape().getShape();
        long[] m = mask.getShape().getShape();
        if (t.length != 4 || t[0] != 1 || t[1] != 3 || m.length != 4 || m[0] != 1 || m[1] != 1
                || t[2] != m[2] || t[3] != m[3]) {
            throw new IllegalArgumentException("temporal target must be (1,3,H,W) and mask (1,1,H,W), got "
                    + target.getShape() + " and " + mask.getShape());
        }
        this.target = target;
        this.mask = mask;
        double reliable = Tensors.scalar(mask.sum());
        this.scale = reliable > 0 ? weight / (3 * reliable * REFERENCE_MSE) : 0;
    }

    /**
     * A factory for {@code StyleTransfer.run}: ω and c are resized to the working size if they
     * differ from it (bilinear for ω, nearest for c) and live in the prepared transfer's manager.
     *
     * @param warped      ω, 3 x H x W (alpha ignored)
     * @param reliability c, 1 x H x W
     */
    public static ImageTerm.Factory factory(FloatImage warped, FloatImage reliability, double weight) {
        if (reliability.channels() != 1 || !reliability.sameSize(warped)) {
            throw new IllegalArgumentException("reliability must be 1 x H x W like the warped frame, got "
                    + reliability + " for " + warped);
        }
        return prepared -> {
            FloatImage c = prepared.content();
            NDManager m = prepared.manager();
            FloatImage w = Resampler.resize(warped.rgb(), c.width(), c.height());
            float[] r = Resampler.resizePlaneNearest(reliability.toArray(), reliability.width(), reliability.height(),
                    c.width(), c.height());
            return new TemporalLoss(Tensors.toTensor(w, m), Tensors.plane(r, c.width(), c.height(), m), weight);
        };
    }

    @Override
    public String name() { return "temporal"; }

    @Override
    public NDArray compute(NDArray seen) {
        NDArray d = seen.sub(target);
        return Tensors.scale(d.mul(d).mul(mask).sum(), scale); // not mul(Number): its scalar is freed before backward
    }
}
