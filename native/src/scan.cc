// np.cumsum / np.cumprod and their nan- forms along one axis, as NumPy's add/multiply.accumulate:
// out[k] = out[k-1] (op) in[k], rounded to the output dtype at every step (float16 sums round to
// half each step, as NumPy's do). The nan- forms read NaN as the identity (0 for sums, 1 for
// products), which is NumPy's replacement of NaNs before accumulating.
#include <omp.h>

#include <vector>

#include "command.h"
#include "dtype_dispatch.h"
#include "reduce_lanes.h"

namespace qk {
namespace {

constexpr int64_t kBlock = 256;

template <class S> constexpr bool kIsFloat = std::is_floating_point_v<S> || std::is_same_v<S, f16> || std::is_same_v<S, bf16>;

template <class S, class O, bool kProd, bool kNan> void scan(const Tensor& in, const Tensor& out, int axis) {
  using C = compute_t<O>;
  const Tensor ts[2] = {in, out};
  const LaneLayout L = lane_layout(ts, 2, axis, true);
  const int64_t nblocks = (L.inner + kBlock - 1) / kBlock;
  const int64_t items = L.outer_size * nblocks;
  const int64_t total = L.outer_size * L.n * L.inner;
  const O identity = convert<O>(kProd ? 1 : 0);
  const int nt = num_threads();
#pragma omp parallel if (total >= kParallelThreshold && nt > 1 && items > 1) num_threads(nt)
  {
    O acc[kBlock];
#pragma omp for schedule(static)
    for (int64_t item = 0; item < items; item++) {
      const int64_t o = item / nblocks, j0 = (item % nblocks) * kBlock;
      const int64_t nj = std::min<int64_t>(kBlock, L.inner - j0);
      char* p[2];
      outer_offsets(L, o, p);
      const char* src = p[0] + j0 * L.inner_stride[0];
      char* dst = p[1] + j0 * L.inner_stride[1];
      for (int64_t k = 0; k < L.n; k++) {
        const char* row = src + k * L.axis_stride[0];
        char* orow = dst + k * L.axis_stride[1];
        for (int64_t j = 0; j < nj; j++) {
          const S x = *(const S*)(row + j * L.inner_stride[0]);
          const O v = kNan && is_nan_value(x) ? identity : convert<O>(x);
          if (k == 0) acc[j] = v;
          else if constexpr (kProd) acc[j] = convert<O>(convert<C>(acc[j]) * convert<C>(v));
          else acc[j] = convert<O>(convert<C>(acc[j]) + convert<C>(v));
          *(O*)(orow + j * L.inner_stride[1]) = acc[j];
        }
      }
    }
  }
}

template <class S, class O> void scan_op(const Tensor& in, const Tensor& out, int axis, bool prod, bool nan) {
  if constexpr (kIsFloat<S>) {
    if (nan) return prod ? scan<S, O, true, true>(in, out, axis) : scan<S, O, false, true>(in, out, axis);
  }
  prod ? scan<S, O, true, false>(in, out, axis) : scan<S, O, false, false>(in, out, axis);
}

// aux: [input dtype, output dtype, axis, 0 sum | 1 prod, nan]; tensors: input, output (same shape).
// The input's dtype is the output's, or a small integer (or bool) accumulating in (u)int64 as
// NumPy's default; JS casts other inputs first.
const char* exec_scan() {
  TensorLaunch L;
  if (const char* err = parse_tensors(L)) return err;
  if (L.nargs != 2 || L.naux != 5) return "scan: bad launch";
  const Tensor &in = L.t[0], &out = L.t[1];
  const int axis = (int)L.aux[2];
  if (axis < 0 || axis >= in.ndim || out.ndim != in.ndim) return "scan: bad operands";
  for (int d = 0; d < in.ndim; d++)
    if (in.shape[d] != out.shape[d]) return "scan: bad operands";
  if (in.size() == 0) return nullptr;
  const int ic = (int)L.aux[0], oc = (int)L.aux[1];
  const bool prod = L.aux[3] != 0, nan = L.aux[4] != 0;
  bool ok = false;
  if (ic == oc) {
    ok = dispatch_dtype(oc, [&](auto tag) {
      using O = typename decltype(tag)::type;
      scan_op<O, O>(in, out, axis, prod, nan);
    });
  } else if (oc == kInt64 && (ic == kBool || ic == kInt8 || ic == kInt16 || ic == kInt32)) {
    ok = dispatch_dtype(ic, [&](auto tag) {
      using S = typename decltype(tag)::type;
      if constexpr (std::is_same_v<S, bool> || std::is_same_v<S, int8_t> || std::is_same_v<S, int16_t> || std::is_same_v<S, int32_t>)
        scan_op<S, int64_t>(in, out, axis, prod, nan);
    });
  } else if (oc == kUint64 && (ic == kUint8 || ic == kUint16 || ic == kUint32)) {
    ok = dispatch_dtype(ic, [&](auto tag) {
      using S = typename decltype(tag)::type;
      if constexpr (std::is_same_v<S, uint8_t> || std::is_same_v<S, uint16_t> || std::is_same_v<S, uint32_t>)
        scan_op<S, uint64_t>(in, out, axis, prod, nan);
    });
  }
  // complex (dtype codes after the real ones, src/core/dtype.ts): running sums/products of (re, im)
  if (!ok && ic == oc && (ic == kFloat64 + 1 || ic == kFloat64 + 2)) {
    if (ic == kFloat64 + 1) prod ? scan<c64, c64, true, false>(in, out, axis) : scan<c64, c64, false, false>(in, out, axis);
    else prod ? scan<c128, c128, true, false>(in, out, axis) : scan<c128, c128, false, false>(in, out, axis);
    ok = true;
  }
  return ok ? nullptr : "scan: unsupported dtypes";
}

RegisterCommand reg("scan", exec_scan);

}  // namespace
}  // namespace qk
