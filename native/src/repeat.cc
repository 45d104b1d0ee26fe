// np.repeat with one count per element along an axis: the input viewed as (outer, n, inner) rows of
// `inner` contiguous items; row i of each outer block is copied counts[i] times. Dtype-blind (bytes).
#include <cstring>

#include "command.h"
#include "launch.h"

namespace qk {
namespace {

// tensors: x (outer, n, inner) with contiguous rows, counts (n,) int64, out (outer, total, inner)
// C-contiguous; no aux.
const char* exec_repeat() {
  TensorLaunch L;
  if (const char* err = parse_tensors(L)) return err;
  if (L.nargs != 3 || L.naux != 0) return "repeat: bad launch";
  const Tensor &x = L.t[0], &counts = L.t[1], &out = L.t[2];
  if (x.ndim != 3 || counts.ndim != 1 || out.ndim != 3 || counts.shape[0] != x.shape[1]) return "repeat: bad shapes";
  const int64_t outer = x.shape[0], n = x.shape[1], inner = x.shape[2];
  const int64_t row = inner * x.itemsize;
  if (inner > 1 && x.strides[2] != x.itemsize) return "repeat: rows must be contiguous";
  int64_t total = 0;
  for (int64_t i = 0; i < n; i++) {
    const int64_t c = *(const int64_t*)(counts.data + i * counts.strides[0]);
    if (c < 0) return "repeat: negative count";
    total += c;
  }
  if (total != out.shape[1] || outer != out.shape[0] || inner != out.shape[2]) return "repeat: bad output shape";
  if (row == 0) return nullptr;
  char* dst = out.data;
  for (int64_t o = 0; o < outer; o++) {
    for (int64_t i = 0; i < n; i++) {
      const int64_t c = *(const int64_t*)(counts.data + i * counts.strides[0]);
      const char* src = x.data + o * x.strides[0] + i * x.strides[1];
      for (int64_t r = 0; r < c; r++, dst += row) std::memcpy(dst, src, (size_t)row);
    }
  }
  return nullptr;
}

RegisterCommand reg_repeat("repeat", exec_repeat);

}  // namespace
}  // namespace qk
