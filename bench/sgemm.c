/*
 * OpenBLAS SGEMM reference for Assay's roofline benchmark (BENCHMARKS.md).
 * C = A x B, square N x N single precision, 2*N^3 FLOPs per call, best of REPS after one warm-up.
 *
 * Build: gcc -O3 -march=native -o sgemm bench/sgemm.c -lopenblas
 * Run:   ./sgemm [N] [reps]   (default 4096, 5); thread count from OPENBLAS_NUM_THREADS.
 * Disclose OPENBLAS_CORETYPE: it overrides the kernel OpenBLAS would pick for this CPU.
 */
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 4096;
    int reps = argc > 2 ? atoi(argv[2]) : 5;
    float *a = malloc((size_t) n * n * sizeof(float));
    float *b = malloc((size_t) n * n * sizeof(float));
    float *c = malloc((size_t) n * n * sizeof(float));
    for (size_t i = 0; i < (size_t) n * n; i++) { a[i] = (float) (i % 13) * 0.01f; b[i] = (float) (i % 7) * 0.02f; c[i] = 0; }
    const char *core = getenv("OPENBLAS_CORETYPE");
    printf("openblas config: %s\ncoretype env: %s\nthreads: %d\n", openblas_get_config(), core ? core : "(unset)",
           openblas_get_num_threads());
    double best = 1e30;
    for (int r = 0; r <= reps; r++) {
        double t = now();
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0f, a, n, b, n, 0.0f, c, n);
        t = now() - t;
        if (r > 0 && t < best) best = t;
    }
    printf("sgemm N=%d best %.4f s  %.1f GFLOP/s  (c[7]=%g)\n", n, best, 2.0 * n * n * (double) n / best / 1e9, c[7]);
    free(a); free(b); free(c);
    return 0;
}
