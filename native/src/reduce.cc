#include "reduce_driver.h"

#include <omp.h>

#include <algorithm>
#include <cstring>
#include <vector>

namespace qk {

void run_reduce(InnerLoop fn, int ndim, const int64_t* shape, const int64_t* strides, char* const* base,
                int64_t out_itemsize, const char* identity) {
  for (int d = 0; d < ndim; d++)
    if (shape[d] == 0) return;  // the output keeps its initial value
  Space sp;
  collapse(sp, 2, ndim, shape, strides, base);
  int64_t total = 1;
  for (int d = 0; d < sp.ndim; d++) total *= sp.shape[d];
  const int nt = num_threads();
  if (total < kParallelThreshold || nt <= 1) {
    run_range(fn, sp, 0, total);
    return;
  }
  // Threads own disjoint output elements: split the largest kept dimension.
  int kd = -1;
  for (int d = 0; d < sp.ndim; d++)
    if (sp.strides[0][d] != 0 && (kd < 0 || sp.shape[d] > sp.shape[kd])) kd = d;
  if (kd >= 0 && sp.shape[kd] >= nt) {
#pragma omp parallel num_threads(nt)
    {
      const int t = omp_get_thread_num(), T = omp_get_num_threads();
      int64_t ext = sp.shape[kd], lo = ext * t / T, hi = ext * (t + 1) / T;
      if (lo < hi) {
        Space sub = sp;
        sub.shape[kd] = hi - lo;
        for (int a = 0; a < 2; a++) sub.base[a] += lo * sp.strides[a][kd];
        int64_t n = 1;
        for (int d = 0; d < sub.ndim; d++) n *= sub.shape[d];
        run_range(fn, sub, 0, n);
      }
    }
    return;
  }
  if (kd >= 0) {  // too few output elements to share out; not worth partial accumulators
    run_range(fn, sp, 0, total);
    return;
  }
  // A full reduction to one element: each thread folds a chunk into its own accumulator, starting
  // from the identity (or, for idempotent ops without one, from the output's initial value); the
  // partials then fold into the output in thread order, so the result is deterministic.
  std::vector<char> partial((size_t)nt * 64);
  for (int t = 0; t < nt; t++) std::memcpy(&partial[t * 64], identity ? identity : sp.base[0], (size_t)out_itemsize);
#pragma omp parallel num_threads(nt)
  {
    const int t = omp_get_thread_num(), T = omp_get_num_threads();
    int64_t lo = total * t / T, hi = total * (t + 1) / T;
    if (lo < hi) {
      Space sub = sp;
      sub.base[0] = &partial[t * 64];
      run_range(fn, sub, lo, hi);
    }
  }
  for (int t = 0; t < nt; t++) {  // n = -1: fold a partial (of the output's type) into the output
    char* p[2] = {sp.base[0], &partial[t * 64]};
    int64_t s[2] = {0, 0};
    fn(p, s, -1);
  }
}

}  // namespace qk
