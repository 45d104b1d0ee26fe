// Copies a (rows, cols) strided view whose rows are contiguous into another such view, one memcpy
// per row: concatenate's copy of a contiguous input into its slice of the output (any axis).
#include <omp.h>

#include <algorithm>
#include <cstring>

#include "iterate.h"

#include "command.h"
#include "launch.h"

namespace qk {
namespace {

// tensors: src (rows, cols), dst (rows, cols), same itemsize, each with unit column stride.
const char* exec_copy_rows() {
  TensorLaunch L;
  if (const char* err = parse_tensors(L)) return err;
  if (L.nargs != 2 || L.naux != 0) return "copy_rows: bad launch";
  const Tensor &src = L.t[0], &dst = L.t[1];
  if (src.ndim != 2 || dst.ndim != 2 || src.shape[0] != dst.shape[0] || src.shape[1] != dst.shape[1] || src.itemsize != dst.itemsize)
    return "copy_rows: bad shapes";
  const int64_t rows = src.shape[0], cols = src.shape[1];
  if (rows == 0 || cols == 0) return nullptr;
  if ((cols > 1 && (src.strides[1] != src.itemsize || dst.strides[1] != dst.itemsize))) return "copy_rows: rows must be contiguous";
  const size_t bytes = (size_t)(cols * src.itemsize);
  const int nt = num_threads();
  // Large copies on several threads (one core's memcpy doesn't saturate memory bandwidth): whole
  // rows when there are enough, else each row cut in 64-byte-aligned pieces.
  if (nt <= 1 || (size_t)rows * bytes < ((size_t)1 << 20)) {
    for (int64_t r = 0; r < rows; r++) std::memcpy(dst.data + r * dst.strides[0], src.data + r * src.strides[0], bytes);
  } else if (rows >= 4 * nt) {
#pragma omp parallel for num_threads(nt) schedule(static)
    for (int64_t r = 0; r < rows; r++) std::memcpy(dst.data + r * dst.strides[0], src.data + r * src.strides[0], bytes);
  } else {
    for (int64_t r = 0; r < rows; r++) {
      char* d = dst.data + r * dst.strides[0];
      const char* q = src.data + r * src.strides[0];
#pragma omp parallel num_threads(nt)
      {
        const int t = omp_get_thread_num(), T = omp_get_num_threads();
        const size_t piece = (bytes / T + 63) / 64 * 64;
        const size_t lo = std::min(bytes, piece * t), hi = std::min(bytes, lo + piece);
        if (lo < hi) std::memcpy(d + lo, q + lo, hi - lo);
      }
    }
  }
  return nullptr;
}

RegisterCommand reg_copy_rows("copy_rows", exec_copy_rows);

}  // namespace
}  // namespace qk
