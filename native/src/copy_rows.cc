// Copies a (rows, cols) strided view whose rows are contiguous into another such view, one memcpy
// per row: concatenate's copy of a contiguous input into its slice of the output (any axis).
#include <cstring>

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
  for (int64_t r = 0; r < rows; r++) std::memcpy(dst.data + r * dst.strides[0], src.data + r * src.strides[0], bytes);
  return nullptr;
}

RegisterCommand reg_copy_rows("copy_rows", exec_copy_rows);

}  // namespace
}  // namespace qk
