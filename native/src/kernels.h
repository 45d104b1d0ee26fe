// The generated elementwise kernel tables, one per instruction set (native/gen/*.gen.cc is
// compiled once per ISA with that ISA's flags; the addon picks one at load time).
#pragma once
#include "elementwise.h"

namespace qk {
namespace isa_avx512 { extern const KernelEntry kKernels[]; extern const int kNumKernels; }
namespace isa_avx2 { extern const KernelEntry kKernels[]; extern const int kNumKernels; }
namespace isa_baseline { extern const KernelEntry kKernels[]; extern const int kNumKernels; }
}  // namespace qk
