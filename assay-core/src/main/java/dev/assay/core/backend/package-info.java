/** Discovery of inference and training backends through ServiceLoader, shared by probe, list and run. */
package dev.assay.core.backend;
