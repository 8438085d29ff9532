package dev.photostyle.matting.filter;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import dev.photostyle.engine.TensorScope;
import dev.photostyle.linalg.Symmetric3;

/**
 * Local mean and (population) covariance of a colour guide over (2r+1)^2 windows clipped to the
 * image, the sufficient statistics of both the guided filter (He et al. 2013, Eq. 14) and the
 * matting Laplacian (Levin et al. 2008, Eq. 12).
 *
 * @param mean (1, 3, H, W) window means of the guide
 * @param covariance (1, 6, H, W) window covariances in the {@link Symmetric3} layout
 */
public record LocalColourStatistics(NDArray mean, NDArray covariance) {

    /** Statistics of a (1, 3, H, W) guide; the arrays belong to the guide's manager. */
    public static LocalColourStatistics of(NDArray guide, int radius) {
        if (guide.getShape().dimension() != 4 || guide.getShape().get(1) != 3) {
            throw new IllegalArgumentException("colour guide must be (1, 3, H, W), got " + guide.getShape());
        }
        NDArray[] r = TensorScope.keepAll(() -> {
            NDArray mu = BoxFilter.mean(guide, radius);
            NDArray[] g = new NDArray[3];
            NDArray[] m = new NDArray[3];
            for (int i = 0; i < 3; i++) {
                g[i] = Symmetric3.plane(guide, i);
                m[i] = Symmetric3.plane(mu, i);
            }
            NDList products = new NDList();
            for (int i = 0; i < 3; i++) for (int j = i; j < 3; j++) products.add(g[i].mul(g[j]));
            NDArray second = BoxFilter.mean(NDArrays.concat(products, 1), radius);
            NDList means = new NDList();
            for (int i = 0; i < 3; i++) for (int j = i; j < 3; j++) means.add(m[i].mul(m[j]));
            return new NDArray[] {mu, second.sub(NDArrays.concat(means, 1))};
        });
        return new LocalColourStatistics(r[0], r[1]);
    }
}
