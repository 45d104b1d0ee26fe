#include "launch.h"

namespace qk {

alignas(64) double g_args[kArgDoubles + kScalarSlots];

// Byte range [lo, hi) that a strided operand touches, to refuse out-of-bounds kernels up front.
bool in_bounds(int64_t off, int ndim, const double* shape, const double* strides, int64_t itemsize, int64_t size) {
  int64_t lo = off, hi = off;
  for (int d = 0; d < ndim; d++) {
    int64_t ext = ((int64_t)shape[d] - 1) * (int64_t)strides[d];
    if (ext < 0) lo += ext; else hi += ext;
  }
  return lo >= 0 && hi + itemsize <= size;
}

// Fills `L` from the argument block, checking every operand against its buffer. nullptr on success.
const char* parse_launch(Launch& L) {
  const double* A = g_args;
  L.kernel = (int)A[1];
  L.nargs = (int)A[2];
  L.ndim = (int)A[3];
  L.extra = (int)A[4];
  const int nargs = L.nargs, ndim = L.ndim;
  if (nargs < 1 || nargs > kMaxArgs || ndim < 0 || ndim > kMaxDims || 5 + nargs * 2 + ndim * (nargs + 2) > kArgDoubles)
    return "exec: too many arguments or dimensions";
  const double* opnds = A + 5;
  const double* shape_d = opnds + 2 * nargs;
  const double* itemsizes = shape_d + ndim;
  const double* strides_d = itemsizes + nargs;
  bool empty = false;
  for (int d = 0; d < ndim; d++) {
    L.shape[d] = (int64_t)shape_d[d];
    if (L.shape[d] == 0) empty = true;
  }
  for (int a = 0; a < nargs; a++) {
    int64_t h = (int64_t)opnds[2 * a];
    int64_t off = (int64_t)opnds[2 * a + 1];
    L.itemsize[a] = (int64_t)itemsizes[a];
    for (int d = 0; d < ndim; d++) L.strides[a * ndim + d] = (int64_t)strides_d[a * ndim + d];
    if (h < 0) {
      int slot = (int)(-h - 1);
      if (slot >= kScalarSlots) return "exec: bad scalar slot";
      L.base[a] = slot_ptr(slot);
      for (int d = 0; d < ndim; d++) L.strides[a * ndim + d] = 0;
      continue;
    }
    char* p = buffer_ptr(h);
    if (!p) return "exec: invalid or freed buffer";
    if (!empty && !in_bounds(off, ndim, shape_d, strides_d + a * ndim, L.itemsize[a], (int64_t)buffer_size(h)))
      return "exec: operand view exceeds its buffer";
    L.base[a] = p + off;
  }
  return nullptr;
}

}  // namespace qk

namespace qk {

const char* parse_tensors(TensorLaunch& L) {
  const double* A = g_args;
  L.nargs = (int)A[1];
  L.naux = (int)A[2];
  if (L.nargs < 0 || L.nargs > kMaxArgs || L.naux < 0 || L.naux > kMaxAux) return "exec: too many operands";
  for (int i = 0; i < L.naux; i++) L.aux[i] = A[3 + i];
  int p = 3 + L.naux;
  for (int a = 0; a < L.nargs; a++) {
    if (p + 4 > kArgDoubles) return "exec: argument block overflow";
    Tensor& t = L.t[a];
    int64_t h = (int64_t)A[p], off = (int64_t)A[p + 1];
    t.itemsize = (int64_t)A[p + 2];
    t.ndim = (int)A[p + 3];
    p += 4;
    if (t.ndim < 0 || t.ndim > kMaxDims || p + 2 * t.ndim > kArgDoubles) return "exec: too many dimensions";
    const double* shape_d = A + p;
    const double* strides_d = A + p + t.ndim;
    bool empty = false;
    for (int d = 0; d < t.ndim; d++) {
      t.shape[d] = (int64_t)shape_d[d];
      t.strides[d] = (int64_t)strides_d[d];
      if (t.shape[d] == 0) empty = true;
    }
    p += 2 * t.ndim;
    char* base = buffer_ptr(h);
    if (!base) return "exec: invalid or freed buffer";
    if (!empty && !in_bounds(off, t.ndim, shape_d, strides_d, t.itemsize, (int64_t)buffer_size(h)))
      return "exec: operand view exceeds its buffer";
    t.data = base + off;
  }
  return nullptr;
}

}  // namespace qk
