/**
 * Backend SPI: a {@link dev.assay.api.backend.BackendProvider} is found by
 * {@link java.util.ServiceLoader}, is cheap to construct, reports its availability with a
 * reason, and only loads native code when {@link dev.assay.api.backend.BackendProvider#create()}
 * is called.
 */
package dev.assay.api.backend;
