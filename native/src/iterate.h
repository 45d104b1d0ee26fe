// N-d strided iteration for elementwise kernels: collapses contiguous dimensions, then walks the
// flat index range in runs of the innermost dimension, split across threads for large work.
#pragma once
#include <cstdint>

#include "elementwise.h"

namespace qk {

constexpr int kMaxArgs = 16;
constexpr int kMaxDims = 64;

// Below this many elements one thread does the work: waking OpenMP threads costs more than it saves.
constexpr int64_t kParallelThreshold = 1 << 16;

// An iteration space after collapsing: strides[arg][dim] in bytes.
struct Space {
  int nargs = 0, ndim = 0;
  int64_t shape[kMaxDims];
  int64_t strides[kMaxArgs][kMaxDims];
  char* base[kMaxArgs];
};

// Merges dimensions every operand walks contiguously and drops size-1 dimensions.
void collapse(Space& sp, int nargs, int ndim, const int64_t* shape, const int64_t* strides, char* const* base);
// Runs `fn` over the flat C-order index range [start, end) of a collapsed space, one thread.
void run_range(InnerLoop fn, const Space& sp, int64_t start, int64_t end);

// Runs `fn` over an iteration space. shape[ndim]; strides[arg * ndim + dim] in bytes; base[arg].
void run_elementwise(InnerLoop fn, int nargs, int ndim, const int64_t* shape, const int64_t* strides,
                     char* const* base);

int num_threads();
void set_num_threads(int n);

}  // namespace qk
