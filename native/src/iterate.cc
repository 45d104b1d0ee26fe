#include "iterate.h"

#include <omp.h>

#include <algorithm>

namespace qk {

namespace {
int g_threads = 0;  // 0: OpenMP's default
}  // namespace

// Merges dimension pairs that every argument walks contiguously, and drops size-1 dimensions.
void collapse(Space& sp, int nargs, int ndim, const int64_t* shape, const int64_t* strides, char* const* base) {
  sp.nargs = nargs;
  for (int a = 0; a < nargs; a++) sp.base[a] = base[a];
  int nd = 0;
  for (int d = 0; d < ndim; d++) {
    if (shape[d] == 1) continue;
    if (nd > 0) {
      bool merge = true;
      for (int a = 0; a < nargs && merge; a++)
        merge = sp.strides[a][nd - 1] == strides[a * ndim + d] * shape[d];
      if (merge) {
        sp.shape[nd - 1] *= shape[d];
        for (int a = 0; a < nargs; a++) sp.strides[a][nd - 1] = strides[a * ndim + d];
        continue;
      }
    }
    sp.shape[nd] = shape[d];
    for (int a = 0; a < nargs; a++) sp.strides[a][nd] = strides[a * ndim + d];
    nd++;
  }
  if (nd == 0) {  // a single element
    sp.shape[0] = 1;
    for (int a = 0; a < nargs; a++) sp.strides[a][0] = 0;
    nd = 1;
  }
  sp.ndim = nd;
}

void run_range(InnerLoop fn, const Space& sp, int64_t start, int64_t end) {
  const int nd = sp.ndim, last = nd - 1, na = sp.nargs;
  int64_t idx[kMaxDims];
  int64_t rem = start;
  for (int d = last; d >= 0; d--) {
    idx[d] = rem % sp.shape[d];
    rem /= sp.shape[d];
  }
  int64_t inner_strides[kMaxArgs];
  for (int a = 0; a < na; a++) inner_strides[a] = sp.strides[a][last];
  char* p[kMaxArgs];
  while (start < end) {
    for (int a = 0; a < na; a++) {
      char* q = sp.base[a];
      for (int d = 0; d < nd; d++) q += idx[d] * sp.strides[a][d];
      p[a] = q;
    }
    int64_t n = std::min(sp.shape[last] - idx[last], end - start);
    fn(p, inner_strides, n);
    start += n;
    idx[last] += n;
    for (int d = last; d > 0 && idx[d] >= sp.shape[d]; d--) {
      idx[d] = 0;
      idx[d - 1]++;
    }
  }
}

int num_threads() { return g_threads > 0 ? g_threads : omp_get_max_threads(); }

void set_num_threads(int n) {
  g_threads = n > 0 ? n : 0;
  if (n > 0) omp_set_num_threads(n);
}

void run_elementwise(InnerLoop fn, int nargs, int ndim, const int64_t* shape, const int64_t* strides,
                     char* const* base) {
  for (int d = 0; d < ndim; d++)
    if (shape[d] == 0) return;
  Space sp;
  collapse(sp, nargs, ndim, shape, strides, base);
  int64_t total = 1;
  for (int d = 0; d < sp.ndim; d++) total *= sp.shape[d];
  const int nt = num_threads();
  if (total < kParallelThreshold || nt <= 1) {
    run_range(fn, sp, 0, total);
    return;
  }
  // Chunks are multiples of 64 elements so threads do not share cache lines of the output.
#pragma omp parallel num_threads(nt)
  {
    const int t = omp_get_thread_num(), T = omp_get_num_threads();
    int64_t chunk = ((total + T - 1) / T + 63) / 64 * 64;
    int64_t s = std::min(total, chunk * t), e = std::min(total, s + chunk);
    if (s < e) run_range(fn, sp, s, e);
  }
}

}  // namespace qk
