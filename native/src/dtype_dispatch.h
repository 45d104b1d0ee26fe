// Dispatch on a dtype code once per op family (codes are the index in src/core/dtype.ts DTYPES).
#pragma once
#include <cstdint>

#include "half.h"

namespace qk {

enum DTypeCode { kBool, kInt8, kUint8, kInt16, kUint16, kInt32, kUint32, kInt64, kUint64, kFloat16, kBFloat16, kFloat32, kFloat64 };

template <class T> struct TypeTag { using type = T; };

// Calls f(TypeTag<StorageType>{}) for the dtype; returns false for an unknown code.
// Use with a generic lambda: [&](auto tag) { using S = typename decltype(tag)::type; ... }
template <class F> bool dispatch_dtype(int code, F&& f) {
  switch (code) {
    case kBool: f(TypeTag<bool>{}); return true;
    case kInt8: f(TypeTag<int8_t>{}); return true;
    case kUint8: f(TypeTag<uint8_t>{}); return true;
    case kInt16: f(TypeTag<int16_t>{}); return true;
    case kUint16: f(TypeTag<uint16_t>{}); return true;
    case kInt32: f(TypeTag<int32_t>{}); return true;
    case kUint32: f(TypeTag<uint32_t>{}); return true;
    case kInt64: f(TypeTag<int64_t>{}); return true;
    case kUint64: f(TypeTag<uint64_t>{}); return true;
    case kFloat16: f(TypeTag<f16>{}); return true;
    case kBFloat16: f(TypeTag<bf16>{}); return true;
    case kFloat32: f(TypeTag<float>{}); return true;
    case kFloat64: f(TypeTag<double>{}); return true;
    default: return false;
  }
}

}  // namespace qk
