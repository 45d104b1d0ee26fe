#include "iterate.h"

#include <omp.h>

#include <algorithm>
#include <cstdlib>

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

namespace {

constexpr int64_t kTile = 32;

// Whether walking the last dimension innermost reads or writes some operand across its layout (a
// transpose: its last-dimension stride exceeds its second-to-last one). Broadcast (stride-0)
// dimensions don't count.
bool wants_tiles(const Space& sp) {
  if (sp.ndim < 2) return false;
  const int l = sp.ndim - 1;
  if (sp.shape[l] < kTile || sp.shape[l - 1] < kTile) return false;
  for (int a = 0; a < sp.nargs; a++) {
    const int64_t si = std::llabs(sp.strides[a][l]), so = std::llabs(sp.strides[a][l - 1]);
    if (so != 0 && si > so) return true;
  }
  return false;
}

// Work items [lo, hi) of a tiled walk: item = (outer position, band of kTile rows of the last two
// dimensions). Within a band, columns go in kTile-wide blocks and rows innermost, so the lines an
// operand read across its layout are reused from cache by the next rows instead of refetched.
void run_tiles(InnerLoop fn, const Space& sp, int64_t lo, int64_t hi) {
  const int nd = sp.ndim, r = nd - 2, c = nd - 1, na = sp.nargs;
  const int64_t R = sp.shape[r], C = sp.shape[c], bands = (R + kTile - 1) / kTile;
  int64_t inner[kMaxArgs];
  for (int a = 0; a < na; a++) inner[a] = sp.strides[a][c];
  char* p[kMaxArgs];
  char* b0[kMaxArgs];
  for (int64_t item = lo; item < hi; item++) {
    int64_t outer = item / bands;
    const int64_t i0 = (item % bands) * kTile, i1 = std::min(R, i0 + kTile);
    for (int a = 0; a < na; a++) b0[a] = sp.base[a];
    for (int d = r - 1; d >= 0; d--) {
      const int64_t i = outer % sp.shape[d];
      outer /= sp.shape[d];
      for (int a = 0; a < na; a++) b0[a] += i * sp.strides[a][d];
    }
    for (int64_t j0 = 0; j0 < C; j0 += kTile) {
      const int64_t n = std::min(kTile, C - j0);
      for (int64_t i = i0; i < i1; i++) {
        for (int a = 0; a < na; a++) p[a] = b0[a] + i * sp.strides[a][r] + j0 * sp.strides[a][c];
        fn(p, inner, n);
      }
    }
  }
}

void run_tiled(InnerLoop fn, const Space& sp, int64_t total, int nt) {
  int64_t outer = 1;
  for (int d = 0; d < sp.ndim - 2; d++) outer *= sp.shape[d];
  const int64_t items = outer * ((sp.shape[sp.ndim - 2] + kTile - 1) / kTile);
  if (total < kParallelThreshold || nt <= 1 || items < 2) {
    run_tiles(fn, sp, 0, items);
    return;
  }
#pragma omp parallel num_threads(nt)
  {
    const int t = omp_get_thread_num(), T = omp_get_num_threads();
    const int64_t lo = items * t / T, hi = items * (t + 1) / T;
    if (lo < hi) run_tiles(fn, sp, lo, hi);
  }
}

}  // namespace

void run_elementwise(InnerLoop fn, int nargs, int ndim, const int64_t* shape, const int64_t* strides,
                     char* const* base) {
  for (int d = 0; d < ndim; d++)
    if (shape[d] == 0) return;
  Space sp;
  collapse(sp, nargs, ndim, shape, strides, base);
  int64_t total = 1;
  for (int d = 0; d < sp.ndim; d++) total *= sp.shape[d];
  const int nt = num_threads();
  if (wants_tiles(sp)) {
    run_tiled(fn, sp, total, nt);
    return;
  }
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
