// N-d strided iteration for elementwise kernels: collapses contiguous dimensions, then walks the
// flat index range in runs of the innermost dimension, split across threads for large work.
#pragma once
#include <cstdint>

#include "elementwise.h"

namespace qk {

constexpr int kMaxArgs = 16;
constexpr int kMaxDims = 64;

// Runs `fn` over an iteration space. shape[ndim]; strides[arg * ndim + dim] in bytes; base[arg].
void run_elementwise(InnerLoop fn, int nargs, int ndim, const int64_t* shape, const int64_t* strides,
                     char* const* base);

int num_threads();
void set_num_threads(int n);

}  // namespace qk
