// Runs a reduction loop (see reduce.h) over an iteration space: operand 0 is the accumulator /
// output with stride 0 along reduced axes, operand 1 the input. Threads never share an output element.
#pragma once
#include <cstdint>

#include "iterate.h"

namespace qk {

// `identity` (nullable) points at the op's identity in the output dtype, for per-thread partials.
void run_reduce(InnerLoop fn, int ndim, const int64_t* shape, const int64_t* strides, char* const* base,
                int64_t out_itemsize, const char* identity);

}  // namespace qk
