// np.sort along one axis: each 1-D lane is gathered, sorted (NaN last, as NumPy) and scattered.
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <type_traits>
#include <vector>

#include "command.h"
#include "dtype_dispatch.h"
#include "elementwise.h"
#include "launch.h"

namespace qk {
namespace {

// NumPy's order: NaNs sort to the end (and compare equal among themselves).
template <class K> inline bool less_nan_last(K a, K b) {
  if constexpr (std::is_floating_point_v<K>) return a < b || (b != b && a == a);
  else return a < b;
}

template <class S> void sort_lanes(const Tensor& in, const Tensor& out, int axis, bool stable) {
  // Half types sort by their float value.
  using K = std::conditional_t<std::is_same_v<S, f16> || std::is_same_v<S, bf16>, float, S>;
  const int64_t len = in.shape[axis];
  const int64_t lanes = len == 0 ? 0 : in.size() / len;
  const int nd = in.ndim;
  auto lane_base = [&](const Tensor& t, int64_t lane) {
    char* p = t.data;
    int64_t rem = lane;
    for (int d = nd - 1; d >= 0; d--) {
      if (d == axis) continue;
      p += (rem % t.shape[d]) * t.strides[d];
      rem /= t.shape[d];
    }
    return p;
  };
  const bool parallel = in.size() >= (1 << 15) && lanes > 1;
#pragma omp parallel if (parallel)
  {
    std::vector<std::pair<K, S>> buf((size_t)len);
#pragma omp for schedule(static)
    for (int64_t l = 0; l < lanes; l++) {
      const char* src = lane_base(in, l);
      char* dst = lane_base(out, l);
      for (int64_t i = 0; i < len; i++) {
        S v = *(const S*)(src + i * in.strides[axis]);
        buf[i] = {convert<K>(v), v};
      }
      auto cmp = [](const std::pair<K, S>& a, const std::pair<K, S>& b) { return less_nan_last(a.first, b.first); };
      if (stable) std::stable_sort(buf.begin(), buf.end(), cmp);
      else std::sort(buf.begin(), buf.end(), cmp);
      for (int64_t i = 0; i < len; i++) *(S*)(dst + i * out.strides[axis]) = buf[i].second;
    }
  }
}

// aux: [dtype code, axis, stable]; tensors: input, output (same shape).
const char* exec_sort() {
  TensorLaunch L;
  if (const char* err = parse_tensors(L)) return err;
  if (L.nargs != 2 || L.naux != 3) return "sort: bad launch";
  const Tensor &in = L.t[0], &out = L.t[1];
  const int axis = (int)L.aux[1];
  if (axis < 0 || axis >= in.ndim || in.ndim != out.ndim) return "sort: bad axis";
  if (in.size() == 0) return nullptr;
  bool ok = dispatch_dtype((int)L.aux[0], [&](auto tag) {
    sort_lanes<typename decltype(tag)::type>(in, out, axis, L.aux[2] != 0);
  });
  return ok ? nullptr : "sort: unknown dtype";
}

RegisterCommand reg("sort", exec_sort);

}  // namespace
}  // namespace qk
