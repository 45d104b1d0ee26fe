// Integer-array indexing: one gather and one scatter for any number of index arrays (NumPy's
// advanced indexing, np.take, take_along_axis, choose, put, putmask, place, ...).
//
// The TS side lays the indexed array out as [n_0 .. n_{K-1}, r...]: the K indexed axes first
// (a permuted view, no copy) and the R untouched axes after them. Every index array arrives already
// broadcast to the index shape B (stride 0 on broadcast axes), and the other operand as [B..., r...]
// in any strides, so the placement rules of NumPy live in TS and this file only walks:
//   gather:  out[b, r] = src[i_0[b], .., i_{K-1}[b], r]
//   scatter: dst[i_0[b], .., i_{K-1}[b], r] = val[b, r]   (C order of b: the last write wins)
// Element bytes are moved as they are (values already have the destination's dtype).
#include <omp.h>

#include <atomic>
#include <cstdio>
#include <cstring>

#include "command.h"
#include "iterate.h"
#include "launch.h"

namespace qk {
namespace {

enum Mode { kRaise = 0, kWrap = 1, kClip = 2 };

struct IndexSpec {
  int mode, K, nB;
  bool i32[kMaxArgs];
  int axis[kMaxArgs];  // the axis named in an out-of-bounds message
};

// Normalises index `v` into [0, n); false when it is out of bounds under 'raise'.
inline bool fix_index(int64_t& v, int64_t n, int mode) {
  if (mode == kRaise) {
    if (v < 0) v += n;
    return v >= 0 && v < n;
  }
  if (mode == kWrap) {
    v %= n;
    if (v < 0) v += n;
  } else {
    v = v < 0 ? 0 : (v >= n ? n - 1 : v);
  }
  return true;
}

inline int64_t load_index(const char* p, bool i32) { return i32 ? (int64_t) * (const int32_t*)p : *(const int64_t*)p; }

// Walks the index space B in C order: the position of the other operand and of every index array.
struct BCursor {
  int nB, np;
  int64_t shape[kMaxDims], idx[kMaxDims];
  int64_t strides[kMaxArgs][kMaxDims];
  char* ptr[kMaxArgs];
  BCursor(int nB_, const int64_t* shape_, int np_, const Tensor* const* ts, int64_t start) : nB(nB_), np(np_) {
    for (int d = 0; d < nB; d++) shape[d] = shape_[d];
    for (int a = 0; a < np; a++) {
      ptr[a] = ts[a]->data;
      for (int d = 0; d < nB; d++) strides[a][d] = ts[a]->strides[d];
    }
    int64_t rem = start;
    for (int d = nB - 1; d >= 0; d--) {
      idx[d] = shape[d] ? rem % shape[d] : 0;
      rem = shape[d] ? rem / shape[d] : 0;
      for (int a = 0; a < np; a++) ptr[a] += idx[d] * strides[a][d];
    }
  }
  inline void next() {
    for (int d = nB - 1; d >= 0; d--) {
      for (int a = 0; a < np; a++) ptr[a] += strides[a][d];
      if (++idx[d] < shape[d]) return;
      for (int a = 0; a < np; a++) ptr[a] -= strides[a][d] * shape[d];
      idx[d] = 0;
    }
  }
};

// The block of R trailing axes copied per index tuple, collapsed where both sides are contiguous.
struct Block {
  int nd = 0;
  int64_t shape[kMaxDims], s_from[kMaxDims], s_to[kMaxDims];
  int64_t isz = 0;
  bool flat = false;  // one memcpy of shape[0] * isz bytes
  void init(int R, const int64_t* shape_, const int64_t* from, const int64_t* to, int64_t itemsize) {
    isz = itemsize;
    nd = 0;
    for (int d = 0; d < R; d++) {
      if (shape_[d] == 1) continue;
      if (nd > 0 && s_from[nd - 1] == from[d] * shape_[d] && s_to[nd - 1] == to[d] * shape_[d]) {
        shape[nd - 1] *= shape_[d];
        s_from[nd - 1] = from[d];
        s_to[nd - 1] = to[d];
        continue;
      }
      shape[nd] = shape_[d];
      s_from[nd] = from[d];
      s_to[nd] = to[d];
      nd++;
    }
    flat = nd == 0 || (nd == 1 && s_from[0] == isz && s_to[0] == isz);
  }
  template <int S> static inline void move(char* to, const char* from) { std::memcpy(to, from, S); }
  inline void copy_elem(char* to, const char* from) const {
    switch (isz) {
      case 1: move<1>(to, from); break;
      case 2: move<2>(to, from); break;
      case 4: move<4>(to, from); break;
      case 8: move<8>(to, from); break;
      default: std::memcpy(to, from, (size_t)isz);
    }
  }
  void copy(char* to, const char* from) const {
    if (nd == 0) return copy_elem(to, from);
    if (flat) return (void)std::memcpy(to, from, (size_t)(shape[0] * isz));
    int64_t idx[kMaxDims] = {0};
    const int last = nd - 1;
    for (;;) {
      const char* f = from;
      char* t = to;
      for (int64_t i = 0; i < shape[last]; i++, f += s_from[last], t += s_to[last]) copy_elem(t, f);
      int d = last - 1;
      for (; d >= 0; d--) {
        from += s_from[d];
        to += s_to[d];
        if (++idx[d] < shape[d]) break;
        from -= s_from[d] * shape[d];
        to -= s_to[d] * shape[d];
        idx[d] = 0;
      }
      if (d < 0) return;
    }
  }
};

char g_msg[256];

// The first out-of-bounds index in NumPy's order (index array by index array, C order), as its message.
const char* bounds_error(const IndexSpec& s, const Tensor& arr, const Tensor* idx) {
  for (int k = 0; k < s.K; k++) {
    const Tensor& t = idx[k];
    const int64_t n = arr.shape[k];
    const Tensor* one[1] = {&t};
    int64_t nb = 1;
    for (int d = 0; d < s.nB; d++) nb *= t.shape[d];
    BCursor c(s.nB, t.shape, 1, one, 0);
    for (int64_t b = 0; b < nb; b++, c.next()) {
      int64_t v = load_index(c.ptr[0], s.i32[k]);
      const int64_t orig = v;
      if (!fix_index(v, n, kRaise)) {
        std::snprintf(g_msg, sizeof g_msg, "IndexError: index %lld is out of bounds for axis %d with size %lld",
                      (long long)orig, s.axis[k], (long long)n);
        return g_msg;
      }
    }
  }
  return "IndexError: index out of bounds";
}

// Checks every index under 'raise' without moving data.
const char* check_all(const IndexSpec& s, const Tensor& arr, const TensorLaunch& L, int64_t nb) {
  const Tensor* walk[kMaxArgs];
  for (int k = 0; k < s.K; k++) walk[k] = &L.t[2 + k];
  BCursor c(s.nB, L.t[1].shape, s.K, walk, 0);
  for (int64_t b = 0; b < nb; b++, c.next())
    for (int k = 0; k < s.K; k++) {
      int64_t v = load_index(c.ptr[k], s.i32[k]);
      if (!fix_index(v, arr.shape[k], kRaise)) return bounds_error(s, arr, &L.t[2]);
    }
  return nullptr;
}

// aux: [mode, K, nB, (index is int32, axis for messages) x K]; tensors: arr, other, index x K.
const char* parse_spec(const TensorLaunch& L, IndexSpec& s, const char* who) {
  if (L.naux < 3) return who;
  s.mode = (int)L.aux[0];
  s.K = (int)L.aux[1];
  s.nB = (int)L.aux[2];
  if (s.K < 0 || L.nargs != s.K + 2 || L.naux != 3 + 2 * s.K) return who;
  for (int k = 0; k < s.K; k++) {
    s.i32[k] = L.aux[3 + 2 * k] != 0;
    s.axis[k] = (int)L.aux[4 + 2 * k];
  }
  const Tensor &arr = L.t[0], &other = L.t[1];
  const int R = arr.ndim - s.K;
  if (R < 0 || other.ndim != s.nB + R || arr.itemsize != other.itemsize) return who;
  for (int d = 0; d < R; d++)
    if (arr.shape[s.K + d] != other.shape[s.nB + d]) return who;
  for (int k = 0; k < s.K; k++) {
    const Tensor& t = L.t[2 + k];
    if (t.ndim != s.nB || t.itemsize != (s.i32[k] ? 4 : 8)) return who;
    for (int d = 0; d < s.nB; d++)
      if (t.shape[d] != other.shape[d]) return who;
  }
  return nullptr;
}

// The common 1-D case (np.take of elements, a[idx] on a vector): one index array, one index
// dimension, single elements; a typed loop the compiler keeps tight.
template <class E, class I>
bool take_elems(const Tensor& src, const Tensor& out, const Tensor& idx, int mode, int64_t start, int64_t end) {
  const char* s = src.data;
  const int64_t n = src.shape[0], ss = src.strides[0], os = out.strides[0], is = idx.strides[0];
  char* o = out.data + start * os;
  const char* ip = idx.data + start * is;
  for (int64_t b = start; b < end; b++, o += os, ip += is) {
    int64_t v = (int64_t) * (const I*)ip;
    if ((uint64_t)v >= (uint64_t)n && !fix_index(v, n, mode)) return false;
    *(E*)o = *(const E*)(s + v * ss);
  }
  return true;
}

template <class I> bool take_elems_by_size(const Tensor& src, const Tensor& out, const Tensor& idx, int mode, int64_t start, int64_t end) {
  switch (src.itemsize) {
    case 1: return take_elems<uint8_t, I>(src, out, idx, mode, start, end);
    case 2: return take_elems<uint16_t, I>(src, out, idx, mode, start, end);
    case 4: return take_elems<uint32_t, I>(src, out, idx, mode, start, end);
    default: return take_elems<uint64_t, I>(src, out, idx, mode, start, end);
  }
}

const char* exec_gather() {
  TensorLaunch L;
  if (const char* err = parse_tensors(L)) return err;
  IndexSpec s;
  if (const char* err = parse_spec(L, s, "index_gather: bad launch")) return err;
  const Tensor &src = L.t[0], &out = L.t[1];
  const int R = src.ndim - s.K;
  int64_t nb = 1, rest = 1;
  for (int d = 0; d < s.nB; d++) nb *= out.shape[d];
  for (int d = 0; d < R; d++) rest *= out.shape[s.nB + d];
  if (nb == 0) return nullptr;
  if (rest == 0) return s.mode == kRaise ? check_all(s, src, L, nb) : nullptr;  // NumPy still checks
  for (int k = 0; k < s.K; k++)
    if (src.shape[k] == 0)
      return s.mode == kRaise ? bounds_error(s, src, &L.t[2]) : "IndexError: cannot do a non-empty take from an empty axes.";
  const int64_t work = nb * rest;
  const int nt = work >= kParallelThreshold ? num_threads() : 1;
  std::atomic<bool> bad{false};
  if (s.K == 1 && s.nB == 1 && R == 0 && src.itemsize <= 8 && (src.itemsize & (src.itemsize - 1)) == 0) {
    const Tensor& idx = L.t[2];
#pragma omp parallel num_threads(nt) if (nt > 1)
    {
      const int t = omp_get_thread_num(), T = omp_get_num_threads();
      const int64_t start = nb * t / T, end = nb * (t + 1) / T;
      const bool ok = s.i32[0] ? take_elems_by_size<int32_t>(src, out, idx, s.mode, start, end)
                               : take_elems_by_size<int64_t>(src, out, idx, s.mode, start, end);
      if (!ok) bad.store(true, std::memory_order_relaxed);
    }
    return bad.load() ? bounds_error(s, src, &L.t[2]) : nullptr;
  }
  Block blk;
  blk.init(R, src.shape + s.K, src.strides + s.K, out.strides + s.nB, src.itemsize);
  const Tensor* walk[kMaxArgs];
  walk[0] = &out;
  for (int k = 0; k < s.K; k++) walk[1 + k] = &L.t[2 + k];
#pragma omp parallel num_threads(nt) if (nt > 1)
  {
    const int t = omp_get_thread_num(), T = omp_get_num_threads();
    const int64_t start = nb * t / T, end = nb * (t + 1) / T;
    if (start < end) {
      BCursor c(s.nB, out.shape, s.K + 1, walk, start);
      for (int64_t b = start; b < end; b++, c.next()) {
        const char* from = src.data;
        bool ok = true;
        for (int k = 0; k < s.K; k++) {
          int64_t v = load_index(c.ptr[1 + k], s.i32[k]);
          if (!fix_index(v, src.shape[k], s.mode)) {
            ok = false;
            break;
          }
          from += v * src.strides[k];
        }
        if (!ok) {
          bad.store(true, std::memory_order_relaxed);
          break;
        }
        blk.copy(c.ptr[0], from);
      }
    }
  }
  return bad.load() ? bounds_error(s, src, &L.t[2]) : nullptr;
}

// Scatter runs on one thread: repeated indices must keep NumPy's order (the last write wins).
// Indices are checked before anything is written, so a raising call leaves `dst` untouched.
const char* exec_scatter() {
  TensorLaunch L;
  if (const char* err = parse_tensors(L)) return err;
  IndexSpec s;
  if (const char* err = parse_spec(L, s, "index_scatter: bad launch")) return err;
  const Tensor &dst = L.t[0], &val = L.t[1];
  const int R = dst.ndim - s.K;
  int64_t nb = 1, rest = 1;
  for (int d = 0; d < s.nB; d++) nb *= val.shape[d];
  for (int d = 0; d < R; d++) rest *= val.shape[s.nB + d];
  if (nb == 0) return nullptr;
  for (int k = 0; k < s.K; k++)
    if (dst.shape[k] == 0)
      return s.mode == kRaise ? bounds_error(s, dst, &L.t[2]) : "IndexError: cannot replace elements of an empty array";
  const Tensor* walk[kMaxArgs];
  walk[0] = &val;
  for (int k = 0; k < s.K; k++) walk[1 + k] = &L.t[2 + k];
  if (s.mode == kRaise)
    if (const char* err = check_all(s, dst, L, nb)) return err;
  if (rest == 0) return nullptr;
  Block blk;
  blk.init(R, dst.shape + s.K, val.strides + s.nB, dst.strides + s.K, dst.itemsize);
  BCursor c(s.nB, val.shape, s.K + 1, walk, 0);
  for (int64_t b = 0; b < nb; b++, c.next()) {
    char* to = dst.data;
    for (int k = 0; k < s.K; k++) {
      int64_t v = load_index(c.ptr[1 + k], s.i32[k]);
      fix_index(v, dst.shape[k], s.mode);
      to += v * dst.strides[k];
    }
    blk.copy(to, c.ptr[0]);
  }
  return nullptr;
}

RegisterCommand reg_gather("index_gather", exec_gather);
RegisterCommand reg_scatter("index_scatter", exec_scatter);

}  // namespace
}  // namespace qk
