// The shared argument block JS fills in place for every native call, and the parser of strided
// operand launches that elementwise, reduction and opaque-op commands all use.
#pragma once
#include <cstdint>

#include "iterate.h"
#include "memory.h"

namespace qk {

constexpr int kArgDoubles = 4096;
constexpr int kScalarSlots = 16;
// The argument block, followed by the scalar slots that broadcast scalars point into.
extern double g_args[kArgDoubles + kScalarSlots];
inline char* slot_ptr(int i) { return reinterpret_cast<char*>(&g_args[kArgDoubles + i]); }

// A launch as JS lays it out in the argument block:
//   [cmd, kernel, nargs, ndim, extra, (handle, byte offset) x nargs, shape x ndim, itemsize x nargs,
//    byte strides x (nargs * ndim)]
// A negative handle -(i+1) names scalar slot i (stride 0 everywhere).
struct Launch {
  int kernel, nargs, ndim, extra;
  int64_t shape[kMaxDims];
  int64_t strides[kMaxArgs * kMaxDims];
  char* base[kMaxArgs];
  int64_t itemsize[kMaxArgs];
};

// Whether the byte range a strided operand touches lies inside a buffer of `size` bytes.
bool in_bounds(int64_t off, int ndim, const double* shape, const double* strides, int64_t itemsize, int64_t size);

// Fills `L` from the argument block, checking every operand against its buffer.
// Returns nullptr on success, else an error message.
const char* parse_launch(Launch& L);

}  // namespace qk

namespace qk {

// Opaque-op launches carry each operand with its own shape:
//   [cmd, nargs, naux, aux x naux, then per operand: handle, byte offset, itemsize, ndim,
//    shape x ndim, byte strides x ndim]
constexpr int kMaxAux = 64;

struct Tensor {
  char* data;
  int64_t itemsize;
  int ndim;
  int64_t shape[kMaxDims];
  int64_t strides[kMaxDims];  // bytes
  int64_t size() const {
    int64_t n = 1;
    for (int d = 0; d < ndim; d++) n *= shape[d];
    return n;
  }
};

struct TensorLaunch {
  int nargs, naux;
  double aux[kMaxAux];
  Tensor t[kMaxArgs];
};

// Fills `L` from the argument block, checking every operand against its buffer.
const char* parse_tensors(TensorLaunch& L);

}  // namespace qk
