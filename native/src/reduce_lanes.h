// Lanes of the opaque reductions (argmax, cumsum, quantiles): operands that share a shape except
// along `axis` are seen as outer positions x lane (length n along the axis) x an optional inner
// dimension. The inner dimension is the input's smallest-stride other dimension, looped innermost
// so that a reduction along a strided axis still reads memory in order (cumsum over axis 0 of a
// C-contiguous matrix walks whole rows); when the lane itself is the smallest stride there is none.
#pragma once
#include <cstdint>
#include <cstdlib>
#include <type_traits>

#include "launch.h"
#include "reduce.h"

namespace qk {

struct LaneLayout {
  int nt = 0;                   // operands
  int64_t n = 1;                // lane length (the input's extent along the axis)
  int64_t inner = 1;            // extent of the inner dimension (1: none)
  int nouter = 0;               // outer dimensions, C order
  int64_t outer_shape[kMaxDims];
  int64_t outer_size = 1;
  int64_t outer_strides[kMaxArgs][kMaxDims];
  int64_t axis_stride[kMaxArgs];   // bytes; 0 where the operand has extent 1 along the axis
  int64_t inner_stride[kMaxArgs];  // bytes
  char* base[kMaxArgs];
};

// `ts[0]` is the input; every operand has its ndim, and the same extent in every dimension but the
// axis. With pick_inner false, there is no inner dimension (outer positions are the lanes, C order).
inline LaneLayout lane_layout(const Tensor* ts, int nt, int axis, bool pick_inner) {
  LaneLayout L;
  L.nt = nt;
  const Tensor& in = ts[0];
  L.n = in.shape[axis];
  int inner = -1;
  if (pick_inner) {
    int64_t best = std::llabs(in.strides[axis]);
    for (int d = 0; d < in.ndim; d++) {
      if (d == axis || in.shape[d] <= 1) continue;
      int64_t s = std::llabs(in.strides[d]);
      if (s < best || (inner < 0 && L.n <= 1)) {  // a lane of length 1 always takes an inner dim
        best = s;
        inner = d;
      }
    }
  }
  for (int t = 0; t < nt; t++) {
    L.base[t] = ts[t].data;
    L.axis_stride[t] = ts[t].shape[axis] == 1 ? 0 : ts[t].strides[axis];
    L.inner_stride[t] = inner >= 0 ? ts[t].strides[inner] : 0;
  }
  if (inner >= 0) L.inner = in.shape[inner];
  for (int d = 0; d < in.ndim; d++) {
    if (d == axis || d == inner) continue;
    L.outer_shape[L.nouter] = in.shape[d];
    for (int t = 0; t < nt; t++) L.outer_strides[t][L.nouter] = ts[t].strides[d];
    L.outer_size *= in.shape[d];
    L.nouter++;
  }
  return L;
}

// Byte offsets of outer position `o` (C order over the outer dimensions) for every operand.
inline void outer_offsets(const LaneLayout& L, int64_t o, char** p) {
  for (int t = 0; t < L.nt; t++) p[t] = L.base[t];
  for (int d = L.nouter - 1; d >= 0; d--) {
    const int64_t i = o % L.outer_shape[d];
    o /= L.outer_shape[d];
    for (int t = 0; t < L.nt; t++) p[t] += i * L.outer_strides[t][d];
  }
}

// The type values of storage type S are compared in: half types as float, bool as uint8.
template <class S> struct KeyOf { using type = S; };
template <> struct KeyOf<f16> { using type = float; };
template <> struct KeyOf<bf16> { using type = float; };
template <> struct KeyOf<bool> { using type = uint8_t; };
template <class S> using key_t = typename KeyOf<S>::type;

}  // namespace qk
