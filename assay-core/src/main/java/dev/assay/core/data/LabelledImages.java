package dev.assay.core.data;

/**
 * A split of an image classification dataset, ready for training: pixel values scaled to
 * [0, 1] (pixels/255), one row per image, row-major within the image.
 *
 * @param images  one float array of {@code rows * cols} values per image
 * @param labels  class index per image, in {@code [0, classes)}
 * @param rows    image height
 * @param cols    image width
 * @param classes number of classes
 */
public record LabelledImages(float[][] images, int[] labels, int rows, int cols, int classes) {
    public LabelledImages {
        if (images.length != labels.length) {
            throw new IllegalArgumentException("image count " + images.length + " != label count " + labels.length);
        }
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("image size must be >= 1x1, was " + rows + "x" + cols);
        }
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be >= 2, was " + classes);
        }
        for (int i = 0; i < images.length; i++) {
            if (images[i].length != rows * cols) {
                throw new IllegalArgumentException("image " + i + " has " + images[i].length + " values, expected "
                        + rows * cols);
            }
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " of image " + i + " is outside [0, "
                        + classes + ")");
            }
        }
    }

    /** Number of images. */
    public int size() {
        return labels.length;
    }

    /** Values per image. */
    public int features() {
        return rows * cols;
    }
}
