/*
 * Minimal STREAM-style bandwidth reference for Assay's roofline benchmark (BENCHMARKS.md).
 * Not the official STREAM source: same kernels (copy, scale, add, triad) over double arrays,
 * same byte counting (copy/scale 2 arrays x 8 B per element, add/triad 3), best of NTIMES
 * after one untimed warm-up pass, OpenMP static schedule.
 *
 * Build: gcc -O3 -march=native -fopenmp -o stream bench/stream.c
 * Run:   OMP_NUM_THREADS=2 ./stream [elements]   (default 20,000,000: 160 MB per array)
 */
#include <float.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

#define NTIMES 10

static double now(void) { return omp_get_wtime(); }

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 20000000L;
    double *a = aligned_alloc(64, n * sizeof(double));
    double *b = aligned_alloc(64, n * sizeof(double));
    double *c = aligned_alloc(64, n * sizeof(double));
    if (!a || !b || !c) { fprintf(stderr, "alloc failed\n"); return 1; }
    /* First touch in parallel so pages land where the threads run. */
#pragma omp parallel for schedule(static)
    for (long j = 0; j < n; j++) { a[j] = 1.0; b[j] = 2.0; c[j] = 0.0; }
    const double s = 3.0;
    double best[4] = {DBL_MAX, DBL_MAX, DBL_MAX, DBL_MAX};
    const char *names[4] = {"copy", "scale", "add", "triad"};
    const double bytes[4] = {2.0 * 8 * n, 2.0 * 8 * n, 3.0 * 8 * n, 3.0 * 8 * n};
    for (int k = 0; k <= NTIMES; k++) {
        double t[4];
        t[0] = now();
#pragma omp parallel for schedule(static)
        for (long j = 0; j < n; j++) c[j] = a[j];
        t[0] = now() - t[0];
        t[1] = now();
#pragma omp parallel for schedule(static)
        for (long j = 0; j < n; j++) b[j] = s * c[j];
        t[1] = now() - t[1];
        t[2] = now();
#pragma omp parallel for schedule(static)
        for (long j = 0; j < n; j++) c[j] = a[j] + b[j];
        t[2] = now() - t[2];
        t[3] = now();
#pragma omp parallel for schedule(static)
        for (long j = 0; j < n; j++) a[j] = b[j] + s * c[j];
        t[3] = now() - t[3];
        if (k > 0) for (int i = 0; i < 4; i++) if (t[i] < best[i]) best[i] = t[i];
    }
    /* Checksum keeps the compiler honest and catches a broken kernel. */
    double sum = 0;
    for (long j = 0; j < n; j += 4096) sum += a[j] + b[j] + c[j];
    printf("threads %d elements %ld array_MB %.1f checksum %.6g\n", omp_get_max_threads(), n, n * 8.0 / 1e6, sum);
    for (int i = 0; i < 4; i++) printf("%-6s %10.2f GB/s  best %.6f s\n", names[i], bytes[i] / best[i] / 1e9, best[i]);
    free(a); free(b); free(c);
    return 0;
}
