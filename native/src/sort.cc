// np.sort, np.argsort (and lexsort's passes) and np.partition / np.argpartition along one axis.
// Each 1-D lane is gathered into items (sort key + payload, sort_keys.h), ordered, and scattered.
// Sorting is always stable (a radix sort on the keys), so sort(kind='stable') and argsort's ties
// match NumPy's stable order; lanes are spread over OpenMP threads when there is enough work.
#include <omp.h>

#include <memory>
#include <type_traits>
#include <vector>

#include <algorithm>

#include "command.h"
#include "complex.h"
#include "dtype_dispatch.h"
#include "iterate.h"
#include "launch.h"
#include "sort_keys.h"

namespace qk {
namespace {

// Per-thread scratch of a lane's items: uninitialised (a zero fill would cost a pass over it).
template <class E> struct Scratch {
  std::unique_ptr<E[]> a, b;
  explicit Scratch(int64_t n) : a(new E[(size_t)n]), b(new E[(size_t)n]) {}
};

// Runs body(lane, state) over every lane: lanes spread over threads above a size threshold; a single
// long lane instead gets every thread inside its sort (body.threads).
template <class F> void for_lanes(const Tensor& in, int axis, F&& body) {
  const int64_t len = in.shape[axis];
  const int64_t lanes = len == 0 ? 0 : in.size() / len;
  if (lanes == 1) {
    body.threads = num_threads();
    auto state = body.make_state(len);
    body(0, state);
    return;
  }
  const bool parallel = in.size() >= kSortParallelMin && lanes > 1;
#pragma omp parallel num_threads(num_threads()) if (parallel)
  {
    auto state = body.make_state(len);
#pragma omp for schedule(static)
    for (int64_t l = 0; l < lanes; l++) body(l, state);
  }
}

// ---- complex (NumPy's order: lexicographic, NaNs last as R+Rj < R+nanj < nan+Rj < nan+nanj) -----

template <class T> bool complex_less(const cplx<T>& a, const cplx<T>& b) {
  // npysort's CFLOAT_LT
  if (a.re < b.re) return a.im == a.im || b.im != b.im;
  if (a.re > b.re) return b.im != b.im && a.im == a.im;
  if (a.re == b.re || (a.re != a.re && b.re != b.re)) return a.im < b.im || (b.im != b.im && a.im == a.im);
  return b.re != b.re;
}

// Stable comparison sorts of complex lanes: values (`arg` false) or int64 indices.
template <class T> void complex_sort_lanes(const Tensor& in, const Tensor& out, int axis, bool arg) {
  const int64_t len = in.shape[axis], lanes = len == 0 ? 0 : in.size() / len;
  const int64_t si = in.strides[axis], so = out.strides[axis];
  std::vector<cplx<T>> v((size_t)len);
  std::vector<int64_t> idx((size_t)len);
  for (int64_t l = 0; l < lanes; l++) {
    const char* src = lane_ptr(in, axis, l);
    char* dst = lane_ptr(out, axis, l);
    for (int64_t i = 0; i < len; i++) {
      v[(size_t)i] = *(const cplx<T>*)(src + i * si);
      idx[(size_t)i] = i;
    }
    std::stable_sort(idx.begin(), idx.end(), [&](int64_t a, int64_t b) { return complex_less(v[(size_t)a], v[(size_t)b]); });
    for (int64_t i = 0; i < len; i++) {
      if (arg) *(int64_t*)(dst + i * so) = idx[(size_t)i];
      else *(cplx<T>*)(dst + i * so) = v[(size_t)idx[(size_t)i]];
    }
  }
}

// complex dtype codes follow the real ones (src/core/dtype.ts); true when `code` was complex
bool complex_sort(int code, const Tensor& in, const Tensor& out, int axis, bool arg) {
  if (code == kFloat64 + 1) complex_sort_lanes<float>(in, out, axis, arg);
  else if (code == kFloat64 + 2) complex_sort_lanes<double>(in, out, axis, arg);
  else return false;
  return true;
}

// ---- sort ----------------------------------------------------------------------------------------

template <class S> void sort_lanes(const Tensor& in, const Tensor& out, int axis) {
  using K = bits_t<S>;
  // Integers and bool: the key is the value (bijective); floats carry their bits as payload so
  // that -0.0/0.0 and NaN payloads come out exactly as they went in.
  using I = std::conditional_t<kIsFloat<S>, Item<K, K>, Item<K, NoPayload>>;
  using E = typename I::E;
  const int64_t len = in.shape[axis];
  const int64_t si = in.strides[axis], so = out.strides[axis];
  struct Body {
    const Tensor &in, &out;
    int axis;
    int64_t len, si, so;
    int threads = 1;
    Scratch<E> make_state(int64_t n) { return Scratch<E>(n); }
    void operator()(int64_t l, Scratch<E>& st) {
      const char* src = lane_ptr(in, axis, l);
      char* dst = lane_ptr(out, axis, l);
      E* a = st.a.get();
      for (int64_t i = 0; i < len; i++) {
        const S v = *(const S*)(src + i * si);
        if constexpr (kIsFloat<S>) a[i] = I::make(sort_key(v), raw_bits(v));
        else a[i] = I::make(sort_key(v), NoPayload{});
      }
      sort_items_parallel<I>(a, st.b.get(), len, threads);
      for (int64_t i = 0; i < len; i++) {
        if constexpr (kIsFloat<S>) *(S*)(dst + i * so) = from_bits<S>(I::payload(a[i]));
        else *(S*)(dst + i * so) = from_key<S>(I::key(a[i]));
      }
    }
  } body{in, out, axis, len, si, so, 1};
  for_lanes(in, axis, body);
}

// aux: [dtype code, axis, stable (unused: always stable)]; tensors: input, output (same shape).
const char* exec_sort() {
  TensorLaunch L;
  if (const char* err = parse_tensors(L)) return err;
  if (L.nargs != 2 || L.naux < 2) return "sort: bad launch";
  const Tensor &in = L.t[0], &out = L.t[1];
  const int axis = (int)L.aux[1];
  if (axis < 0 || axis >= in.ndim || in.ndim != out.ndim) return "sort: bad axis";
  if (in.size() == 0) return nullptr;
  if (complex_sort((int)L.aux[0], in, out, axis, false)) return nullptr;
  bool ok = dispatch_dtype((int)L.aux[0], [&](auto tag) { sort_lanes<typename decltype(tag)::type>(in, out, axis); });
  return ok ? nullptr : "sort: unknown dtype";
}

// ---- argsort -------------------------------------------------------------------------------------

// Indices that sort each lane (stable). With `perm`, the lane's starting order is perm's lane (one
// pass of lexsort: a stable re-sort of perm by this key) and the items are perm's entries.
// `nan_first` moves NaN before every number (NumPy's float16 compare function, which orders the
// fields of structured rows, does that); it turns the NaN key (all ones) into 0.
template <class S, class P>
void argsort_lanes(const Tensor& in, const Tensor* perm, const Tensor& out, int axis, bool nan_first) {
  using K = bits_t<S>;
  using I = Item<K, P>;
  using E = typename I::E;
  const int64_t len = in.shape[axis];
  struct Body {
    const Tensor &in, *perm, &out;
    int axis;
    int64_t len;
    K shift;
    int threads = 1;
    Scratch<E> make_state(int64_t n) { return Scratch<E>(n); }
    void operator()(int64_t l, Scratch<E>& st) {
      const char* src = lane_ptr(in, axis, l);
      const int64_t si = in.strides[axis];
      char* dst = lane_ptr(out, axis, l);
      const int64_t so = out.strides[axis];
      E* a = st.a.get();
      if (perm) {
        const char* pp = lane_ptr(*perm, axis, l);
        const int64_t sp = perm->strides[axis];
        for (int64_t i = 0; i < len; i++) {
          const int64_t j = *(const int64_t*)(pp + i * sp);
          a[i] = I::make((K)(sort_key(*(const S*)(src + j * si)) + shift), (P)j);
        }
      } else {
        for (int64_t i = 0; i < len; i++) a[i] = I::make((K)(sort_key(*(const S*)(src + i * si)) + shift), (P)i);
      }
      sort_items_parallel<I>(a, st.b.get(), len, threads);
      for (int64_t i = 0; i < len; i++) *(int64_t*)(dst + i * so) = (int64_t)I::payload(a[i]);
    }
  } body{in, perm, out, axis, len, (K)(nan_first && kIsFloat<S> ? 1 : 0), 1};
  for_lanes(in, axis, body);
}

// aux: [dtype code, axis, has_perm, nan_first]; tensors: input, [perm (int64, input's shape, a
// permutation of each lane)], output (int64, input's shape).
const char* exec_argsort() {
  TensorLaunch L;
  if (const char* err = parse_tensors(L)) return err;
  const bool has_perm = L.naux >= 3 && L.aux[2] != 0;
  if (L.naux < 3 || L.nargs != (has_perm ? 3 : 2)) return "argsort: bad launch";
  const bool nan_first = L.naux >= 4 && L.aux[3] != 0;
  const Tensor& in = L.t[0];
  const Tensor* perm = has_perm ? &L.t[1] : nullptr;
  const Tensor& out = L.t[has_perm ? 2 : 1];
  const int axis = (int)L.aux[1];
  if (axis < 0 || axis >= in.ndim || in.ndim != out.ndim) return "argsort: bad axis";
  if (in.size() == 0) return nullptr;
  const int64_t len = in.shape[axis];
  if (!perm && !nan_first && complex_sort((int)L.aux[0], in, out, axis, true)) return nullptr;
  if (perm) {
    // A lexsort pass reads the key at perm's entries: they must stay inside the lane.
    StridedCursor c(*perm, 0);
    for (int64_t i = 0, n = perm->size(); i < n; i++, c.next()) {
      const int64_t j = *(const int64_t*)c.ptr;
      if (j < 0 || j >= len) return "argsort: permutation entry out of range";
    }
  }
  bool ok = dispatch_dtype((int)L.aux[0], [&](auto tag) {
    using S = typename decltype(tag)::type;
    if (len <= (int64_t)UINT32_MAX) argsort_lanes<S, uint32_t>(in, perm, out, axis, nan_first);
    else argsort_lanes<S, uint64_t>(in, perm, out, axis, nan_first);
  });
  return ok ? nullptr : "argsort: unknown dtype";
}

// ---- partition -----------------------------------------------------------------------------------

template <class S, bool kArg>
void partition_lanes(const Tensor& in, const Tensor& out, int axis, const int64_t* kth, int64_t nk) {
  using K = bits_t<S>;
  using P = std::conditional_t<kArg, uint64_t, std::conditional_t<kIsFloat<S>, K, NoPayload>>;
  using I = Item<K, P>;
  using E = typename I::E;
  const int64_t len = in.shape[axis];
  struct Body {
    const Tensor &in, &out;
    int axis;
    int64_t len;
    const int64_t* kth;
    int64_t nk;
    int threads = 1;
    std::unique_ptr<E[]> make_state(int64_t n) { return std::unique_ptr<E[]>(new E[(size_t)n]); }
    void operator()(int64_t l, std::unique_ptr<E[]>& a) {
      const char* src = lane_ptr(in, axis, l);
      const int64_t si = in.strides[axis];
      char* dst = lane_ptr(out, axis, l);
      const int64_t so = out.strides[axis];
      for (int64_t i = 0; i < len; i++) {
        const S v = *(const S*)(src + i * si);
        if constexpr (kArg) a[i] = I::make(sort_key(v), (uint64_t)i);
        else if constexpr (kIsFloat<S>) a[i] = I::make(sort_key(v), raw_bits(v));
        else a[i] = I::make(sort_key(v), NoPayload{});
      }
      partition_items<I>(a.get(), len, kth, nk);
      for (int64_t i = 0; i < len; i++) {
        if constexpr (kArg) *(int64_t*)(dst + i * so) = (int64_t)I::payload(a[i]);
        else if constexpr (kIsFloat<S>) *(S*)(dst + i * so) = from_bits<S>(I::payload(a[i]));
        else *(S*)(dst + i * so) = from_key<S>(I::key(a[i]));
      }
    }
  } body{in, out, axis, len, kth, nk, 1};
  for_lanes(in, axis, body);
}

// aux: [dtype code, axis, arg (0: values, 1: indices)]; tensors: input, kth (int64, 1-D,
// ascending, in range), output (values or int64 indices, input's shape).
const char* exec_partition() {
  TensorLaunch L;
  if (const char* err = parse_tensors(L)) return err;
  if (L.nargs != 3 || L.naux != 3) return "partition: bad launch";
  const Tensor &in = L.t[0], &kt = L.t[1], &out = L.t[2];
  const int axis = (int)L.aux[1];
  const bool arg = L.aux[2] != 0;
  if (axis < 0 || axis >= in.ndim || in.ndim != out.ndim || kt.ndim != 1) return "partition: bad axis";
  if (in.size() == 0) return nullptr;
  const int64_t nk = kt.shape[0];
  std::vector<int64_t> kth(nk);
  for (int64_t j = 0; j < nk; j++) {
    kth[j] = *(const int64_t*)(kt.data + j * kt.strides[0]);
    if (kth[j] < 0 || kth[j] >= in.shape[axis] || (j > 0 && kth[j] < kth[j - 1])) return "partition: bad kth";
  }
  bool ok = dispatch_dtype((int)L.aux[0], [&](auto tag) {
    using S = typename decltype(tag)::type;
    if (arg) partition_lanes<S, true>(in, out, axis, kth.data(), nk);
    else partition_lanes<S, false>(in, out, axis, kth.data(), nk);
  });
  return ok ? nullptr : "partition: unknown dtype";
}

RegisterCommand reg_sort("sort", exec_sort);
RegisterCommand reg_argsort("argsort", exec_argsort);
RegisterCommand reg_partition("partition", exec_partition);

}  // namespace
}  // namespace qk
