/**
 * Training backend on DJL with the PyTorch engine (CPU natives from the Maven Central jar,
 * fully offline). Workloads: {@code mlp-fashion}, {@code cnn-fashion} (Fashion-MNIST, or a
 * labelled synthetic task when the dataset is not installed) and {@code lm-tiny} (a small
 * decoder-only transformer on synthetic tokens). Entry point:
 * {@link dev.assay.djl.DjlTrainingProvider} via ServiceLoader. See docs/training.md.
 */
package dev.assay.djl;
