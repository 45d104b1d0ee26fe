// np.searchsorted (with sorter; digitize's decreasing bins through a reversed view) and the
// monotonicity test of np.digitize. Comparisons are on sort keys, so NaN sorts last as in NumPy.
#include <omp.h>

#include <type_traits>

#include "command.h"
#include "dtype_dispatch.h"
#include "iterate.h"
#include "launch.h"
#include "sort_keys.h"

namespace qk {
namespace {

// First position whose key is >= k (left) or > k (right) in a's sorted order.
template <class S, bool kRight, bool kSorter>
inline int64_t bisect(const char* a, int64_t sa, int64_t n, const char* srt, int64_t ss, bits_t<S> k) {
  int64_t lo = 0, hi = n;
  while (lo < hi) {
    const int64_t mid = lo + ((hi - lo) >> 1);
    const int64_t j = kSorter ? *(const int64_t*)(srt + mid * ss) : mid;
    const bits_t<S> m = sort_key(*(const S*)(a + j * sa));
    if (kRight ? !(k < m) : m < k) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

template <class S, bool kRight, bool kSorter>
void search(const Tensor& a, const Tensor& v, const Tensor* sorter, const Tensor& out, bool reverse) {
  const int64_t n = a.shape[0], sa = a.strides[0];
  const char* srt = kSorter ? sorter->data : nullptr;
  const int64_t ss = kSorter ? sorter->strides[0] : 0;
  const int64_t m = v.size();
  const int nt = m >= kSortParallelMin ? num_threads() : 1;
#pragma omp parallel num_threads(nt) if (nt > 1)
  {
    const int t = omp_get_thread_num(), T = omp_get_num_threads();
    const int64_t start = m * t / T, end = m * (t + 1) / T;
    if (start < end) {
      StridedCursor cv(v, start), co(out, start);
      for (int64_t i = start; i < end; i++, cv.next(), co.next()) {
        const int64_t r = bisect<S, kRight, kSorter>(a.data, sa, n, srt, ss, sort_key(*(const S*)cv.ptr));
        *(int64_t*)co.ptr = reverse ? n - r : r;
      }
    }
  }
}

// NumPy's binsearch / argbinsearch, step for step: the bounds carry over from one key to the next,
// so on an array that is not sorted (where the answer depends on the path) the result is NumPy's,
// and a bad sorter entry is reported exactly when NumPy's search reads it. Returns false then.
template <class S, bool kRight, bool kSorter>
bool search_numpy(const Tensor& a, const Tensor& v, const Tensor* sorter, const Tensor& out, bool reverse) {
  using K = bits_t<S>;
  const int64_t n = a.shape[0], m = v.size();
  auto cmp = [](K x, K y) { return kRight ? x <= y : x < y; };
  int64_t lo = 0, hi = n;
  StridedCursor cv(v, 0), co(out, 0);
  K last = sort_key(*(const S*)cv.ptr);
  for (int64_t i = 0; i < m; i++, cv.next(), co.next()) {
    const K k = sort_key(*(const S*)cv.ptr);
    if (cmp(last, k)) {
      hi = n;
    } else {
      lo = 0;
      hi = hi < n ? hi + 1 : n;
    }
    last = k;
    while (lo < hi) {
      const int64_t mid = lo + ((hi - lo) >> 1);
      int64_t j = mid;
      if constexpr (kSorter) {
        j = *(const int64_t*)(sorter->data + mid * sorter->strides[0]);
        if (j < 0 || j >= n) return false;
      }
      if (cmp(sort_key(*(const S*)(a.data + j * a.strides[0])), k)) lo = mid + 1;
      else hi = mid;
    }
    *(int64_t*)co.ptr = reverse ? n - lo : lo;
  }
  return true;
}

// Whether a (through sorter) is in sort order with every sorter entry in range: then each
// insertion point is unique and the keys can be searched independently, in parallel.
template <class S> bool is_sorted_view(const Tensor& a, const Tensor* sorter) {
  const int64_t n = a.shape[0];
  bits_t<S> prev = 0;
  for (int64_t i = 0; i < n; i++) {
    int64_t j = i;
    if (sorter) {
      j = *(const int64_t*)(sorter->data + i * sorter->strides[0]);
      if (j < 0 || j >= n) return false;
    }
    const bits_t<S> k = sort_key(*(const S*)(a.data + j * a.strides[0]));
    if (i > 0 && k < prev) return false;
    prev = k;
  }
  return true;
}

// aux: [dtype code, side (0 left, 1 right), has_sorter, reverse (write len(a) - index)];
// tensors: a (1-D), v (any shape), [sorter (int64, 1-D, len(a))], out (int64, v's shape).
const char* exec_searchsorted() {
  TensorLaunch L;
  if (const char* err = parse_tensors(L)) return err;
  if (L.naux != 4) return "searchsorted: bad launch";
  const bool has_sorter = L.aux[2] != 0, right = L.aux[1] != 0, reverse = L.aux[3] != 0;
  if (L.nargs != (has_sorter ? 4 : 3)) return "searchsorted: bad launch";
  const Tensor &a = L.t[0], &v = L.t[1];
  const Tensor* sorter = has_sorter ? &L.t[2] : nullptr;
  const Tensor& out = L.t[has_sorter ? 3 : 2];
  if (a.ndim != 1 || out.size() != v.size()) return "searchsorted: bad shapes";
  if (sorter && (sorter->ndim != 1 || sorter->shape[0] != a.shape[0])) return "searchsorted: bad sorter";
  if (v.size() == 0) return nullptr;
  bool found = true;
  bool ok = dispatch_dtype((int)L.aux[0], [&](auto tag) {
    using S = typename decltype(tag)::type;
    const bool fast = is_sorted_view<S>(a, sorter);
    auto run = [&](auto right_c, auto sorter_c) {
      constexpr bool R = decltype(right_c)::value, SRT = decltype(sorter_c)::value;
      if (fast) search<S, R, SRT>(a, v, sorter, out, reverse);
      else found = search_numpy<S, R, SRT>(a, v, sorter, out, reverse);
    };
    using T = std::true_type;
    using F = std::false_type;
    if (right) {
      if (sorter) run(T{}, T{});
      else run(T{}, F{});
    } else {
      if (sorter) run(F{}, T{});
      else run(F{}, F{});
    }
  });
  if (!ok) return "searchsorted: unknown dtype";
  return found ? nullptr : "searchsorted: Sorter index out of range.";
}

// NumPy's check_array_monotonic on float64 values: 1 increasing (or constant, or empty),
// -1 decreasing, 0 neither. After the leading run of equal values, anything but `first < next`
// (NaN included) starts the decreasing test, as in NumPy 2.
int monotonicity(const double* x, int64_t n) {
  if (n == 0) return 1;
  double last = x[0];
  int64_t i = 1;
  while (i < n && x[i] == last) i++;
  if (i == n) return 1;
  double next = x[i];
  const bool increasing = last < next;
  for (i += 1; i < n; i++) {
    last = next;
    next = x[i];
    if (increasing ? last > next : last < next) return 0;
  }
  return increasing ? 1 : -1;
}

// tensors: bins (float64, 1-D, contiguous), out (int64, [1]).
const char* exec_monotonic() {
  TensorLaunch L;
  if (const char* err = parse_tensors(L)) return err;
  if (L.nargs != 2 || L.t[0].ndim != 1 || L.t[0].itemsize != 8) return "digitize: bad launch";
  const Tensor& b = L.t[0];
  if (b.shape[0] > 1 && b.strides[0] != 8) return "digitize: bins must be contiguous";
  *(int64_t*)L.t[1].data = monotonicity((const double*)b.data, b.shape[0]);
  return nullptr;
}

RegisterCommand reg_searchsorted("searchsorted", exec_searchsorted);
RegisterCommand reg_monotonic("monotonic", exec_monotonic);

}  // namespace
}  // namespace qk
