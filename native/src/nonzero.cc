// Outputs whose size depends on the data (np.nonzero, flatnonzero, argwhere, extract, compress by
// a mask) are made in two native calls: `count_nonzero` gives the size, JS allocates exactly that,
// then `nonzero` / `compress` fill it. Both walk the input in C order; above a size threshold the
// flat range is split across threads, each counting its chunk before writing at its prefix offset.
#include <omp.h>

#include <vector>

#include "command.h"
#include "dtype_dispatch.h"
#include "iterate.h"
#include "launch.h"
#include "sort_keys.h"

namespace qk {
namespace {

// NumPy's truth value: nonzero; -0.0 is zero, NaN is not.
template <class S> inline bool truthy(const char* p) {
  if constexpr (kIsFloat<S>) {
    using U = bits_t<S>;
    constexpr U mag = (U)~(U)((U)1 << (8 * sizeof(S) - 1));
    U b;
    std::memcpy(&b, p, sizeof(S));
    return (b & mag) != 0;
  } else {
    return *(const S*)p != S(0);
  }
}

// Whether a tensor's elements lie back to back in C order (the common case: one flat loop).
inline bool c_contiguous(const Tensor& t) {
  int64_t expect = t.itemsize;
  for (int d = t.ndim - 1; d >= 0; d--) {
    if (t.shape[d] != 1 && t.strides[d] != expect) return false;
    expect *= t.shape[d];
  }
  return true;
}

template <class S> int64_t count_range(const Tensor& x, int64_t start, int64_t end) {
  int64_t c = 0;
  if (c_contiguous(x)) {
    const char* p = x.data + start * (int64_t)sizeof(S);
    for (int64_t i = start; i < end; i++, p += sizeof(S)) c += truthy<S>(p);
    return c;
  }
  StridedCursor cur(x, start);
  for (int64_t i = start; i < end; i++, cur.next()) c += truthy<S>(cur.ptr);
  return c;
}

inline int threads_for(int64_t n) { return n >= kParallelThreshold ? num_threads() : 1; }

// tensors: x (any shape), out (int64, [1]).
const char* exec_count_nonzero() {
  TensorLaunch L;
  if (const char* err = parse_tensors(L)) return err;
  if (L.nargs != 2 || L.naux != 1) return "count_nonzero: bad launch";
  const Tensor& x = L.t[0];
  const int64_t n = x.size();
  int64_t total = 0;
  bool ok = dispatch_dtype((int)L.aux[0], [&](auto tag) {
    using S = typename decltype(tag)::type;
    const int nt = threads_for(n);
#pragma omp parallel num_threads(nt) if (nt > 1) reduction(+ : total)
    {
      const int t = omp_get_thread_num(), T = omp_get_num_threads();
      total += count_range<S>(x, n * t / T, n * (t + 1) / T);
    }
  });
  if (!ok) return "count_nonzero: unknown dtype";
  *(int64_t*)L.t[1].data = total;
  return nullptr;
}

// Runs fill(start, end, offset) over thread chunks of [0, n), offset = nonzeros before `start`.
template <class S, class Fill> void chunked_fill(const Tensor& x, int64_t n, Fill&& fill) {
  const int nt = threads_for(n);
  if (nt <= 1) {
    fill(0, n, 0);
    return;
  }
  std::vector<int64_t> counts(nt + 1, 0);
#pragma omp parallel num_threads(nt)
  {
    const int t = omp_get_thread_num(), T = omp_get_num_threads();
    const int64_t start = n * t / T, end = n * (t + 1) / T;
    counts[t + 1] = count_range<S>(x, start, end);
#pragma omp barrier
#pragma omp single
    for (int i = 1; i <= T; i++) counts[i] += counts[i - 1];
    fill(start, end, counts[t]);
  }
}

// aux: [dtype code, mode (0: coordinates into out (ndim, count); 1: flat indices into out (count))];
// tensors: x (any shape), out (int64, strided). `count` must be count_nonzero(x).
const char* exec_nonzero() {
  TensorLaunch L;
  if (const char* err = parse_tensors(L)) return err;
  if (L.nargs != 2 || L.naux != 2) return "nonzero: bad launch";
  const Tensor &x = L.t[0], &out = L.t[1];
  const bool flat = L.aux[1] != 0;
  const int64_t n = x.size();
  const int64_t count = flat ? (out.ndim == 1 ? out.shape[0] : -1) : (out.ndim == 2 && out.shape[0] == x.ndim ? out.shape[1] : -1);
  if (count < 0) return "nonzero: bad output shape";
  bool ok = dispatch_dtype((int)L.aux[0], [&](auto tag) {
    using S = typename decltype(tag)::type;
    const bool contiguous = c_contiguous(x);
    chunked_fill<S>(x, n, [&](int64_t start, int64_t end, int64_t k) {
      auto emit = [&](int64_t i, const int64_t* idx) {
        if (flat) {
          *(int64_t*)(out.data + k * out.strides[0]) = i;
        } else {
          char* o = out.data + k * out.strides[1];
          if (idx) {
            for (int d = 0; d < x.ndim; d++) *(int64_t*)(o + d * out.strides[0]) = idx[d];
          } else {
            int64_t rem = i;
            for (int d = x.ndim - 1; d >= 0; d--) {
              *(int64_t*)(o + d * out.strides[0]) = rem % x.shape[d];
              rem /= x.shape[d];
            }
          }
        }
        k++;
      };
      if (contiguous) {
        const char* p = x.data + start * (int64_t)sizeof(S);
        for (int64_t i = start; i < end && k < count; i++, p += sizeof(S))
          if (truthy<S>(p)) emit(i, nullptr);
        return;
      }
      StridedCursor cur(x, start);
      for (int64_t i = start; i < end && k < count; i++, cur.next())
        if (truthy<S>(cur.ptr)) emit(i, cur.idx);
    });
  });
  return ok ? nullptr : "nonzero: unknown dtype";
}

// A complex128 element, moved as its 16 bytes.
struct Bytes16 {
  uint64_t lo, hi;
};

template <class V> void copy_selected(const Tensor& cond, const Tensor& arr, const Tensor& out, int64_t start, int64_t end,
                                      int64_t k, bool (*test)(const char*)) {
  const int64_t count = out.shape[0];
  for (int64_t i = start; i < end && k < count; i++) {
    if (!test(cond.data + i * cond.strides[0])) continue;
    *(V*)(out.data + k * out.strides[0]) = *(const V*)(arr.data + i * arr.strides[0]);
    k++;
  }
}

// arr[cond != 0] for 1-D cond and arr (arr at least as long as cond's last nonzero + 1: the caller
// checks). aux: [cond dtype code]; tensors: cond (1-D), arr (1-D), out (1-D, count).
const char* exec_compress() {
  TensorLaunch L;
  if (const char* err = parse_tensors(L)) return err;
  if (L.nargs != 3 || L.naux != 1) return "compress: bad launch";
  const Tensor &cond = L.t[0], &arr = L.t[1], &out = L.t[2];
  if (cond.ndim != 1 || arr.ndim != 1 || out.ndim != 1 || arr.itemsize != out.itemsize) return "compress: bad shapes";
  if (arr.itemsize != 1 && arr.itemsize != 2 && arr.itemsize != 4 && arr.itemsize != 8 && arr.itemsize != 16) return "compress: bad itemsize";
  const int64_t n = std::min(cond.shape[0], arr.shape[0]);
  bool ok = dispatch_dtype((int)L.aux[0], [&](auto tag) {
    using S = typename decltype(tag)::type;
    Tensor c1 = cond;
    c1.shape[0] = n;
    chunked_fill<S>(c1, n, [&](int64_t start, int64_t end, int64_t k) {
      switch (arr.itemsize) {
        case 1: copy_selected<uint8_t>(cond, arr, out, start, end, k, truthy<S>); break;
        case 2: copy_selected<uint16_t>(cond, arr, out, start, end, k, truthy<S>); break;
        case 4: copy_selected<uint32_t>(cond, arr, out, start, end, k, truthy<S>); break;
        case 8: copy_selected<uint64_t>(cond, arr, out, start, end, k, truthy<S>); break;
        default: copy_selected<Bytes16>(cond, arr, out, start, end, k, truthy<S>); break;  // complex128
      }
    });
  });
  return ok ? nullptr : "compress: unknown dtype";
}

RegisterCommand reg_count("nonzero_count", exec_count_nonzero);
RegisterCommand reg_nonzero("nonzero", exec_nonzero);
RegisterCommand reg_compress("compress_1d", exec_compress);

}  // namespace
}  // namespace qk
