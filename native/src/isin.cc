// np.isin: the test elements' sort keys are radix-sorted once, then every element is looked up by
// binary search (threads split the elements). Equality is NumPy's ==: NaN matches nothing, -0.0
// matches 0.0. Mixed uint64 / signed inputs (whose common NumPy type is float64) are compared
// exactly: both arrive as int64 storage, and a side flagged as uint64 has its values >= 2^63
// (negative when read as int64) match nothing.
#include <omp.h>

#include <algorithm>
#include <vector>

#include "command.h"
#include "dtype_dispatch.h"
#include "iterate.h"
#include "launch.h"
#include "sort_keys.h"

namespace qk {
namespace {

template <class S> inline bool unmatchable(S v, bits_t<S> k, bool u64) {
  if constexpr (std::is_same_v<S, int64_t>) {
    if (u64 && v < 0) return true;
  }
  return key_is_nan<S>(k);
}

template <class S> void isin_impl(const Tensor& el, const Tensor& test, const Tensor& out, bool invert, bool el_u64, bool test_u64) {
  using K = bits_t<S>;
  using I = Item<K, NoPayload>;
  std::vector<K> keys;
  keys.reserve((size_t)test.shape[0]);
  for (int64_t i = 0; i < test.shape[0]; i++) {
    const S v = *(const S*)(test.data + i * test.strides[0]);
    const K k = sort_key(v);
    if (!unmatchable<S>(v, k, test_u64)) keys.push_back(k);
  }
  const int64_t nk = (int64_t)keys.size();
  if (nk > 0) {
    std::vector<K> tmp(keys.size());
    sort_items<I>(keys.data(), tmp.data(), nk);
  }
  const int64_t m = el.size();
  const int nt = m >= kSortParallelMin ? num_threads() : 1;
#pragma omp parallel num_threads(nt) if (nt > 1)
  {
    const int t = omp_get_thread_num(), T = omp_get_num_threads();
    const int64_t start = m * t / T, end = m * (t + 1) / T;
    if (start < end) {
      StridedCursor ce(el, start), co(out, start);
      for (int64_t i = start; i < end; i++, ce.next(), co.next()) {
        const S v = *(const S*)ce.ptr;
        const K k = sort_key(v);
        bool found = false;
        if (!unmatchable<S>(v, k, el_u64)) found = std::binary_search(keys.begin(), keys.end(), k);
        *(uint8_t*)co.ptr = found != invert;
      }
    }
  }
}

// aux: [dtype code, invert, element is uint64 read as int64, test is uint64 read as int64];
// tensors: element (any shape), test (1-D), out (bool, element's shape).
const char* exec_isin() {
  TensorLaunch L;
  if (const char* err = parse_tensors(L)) return err;
  if (L.nargs != 3 || L.naux != 4) return "isin: bad launch";
  const Tensor &el = L.t[0], &test = L.t[1], &out = L.t[2];
  if (test.ndim != 1 || out.size() != el.size()) return "isin: bad shapes";
  if (el.size() == 0) return nullptr;
  bool ok = dispatch_dtype((int)L.aux[0], [&](auto tag) {
    isin_impl<typename decltype(tag)::type>(el, test, out, L.aux[1] != 0, L.aux[2] != 0, L.aux[3] != 0);
  });
  return ok ? nullptr : "isin: unknown dtype";
}

RegisterCommand reg_isin("isin", exec_isin);

}  // namespace
}  // namespace qk
