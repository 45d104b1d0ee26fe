// Integer-array indexing: one gather and one scatter for any number of index arrays (NumPy's
// advanced indexing, np.take, take_along_axis, choose, put, putmask, place, ...).
//
// The TS side lays the indexed array out as [n_0 .. n_{K-1}, pre..., post...]: the K indexed axes
// first (a permuted view, no copy), then the untouched axes. Every index array arrives already
// broadcast to the index shape B (stride 0 on broadcast axes), and the other operand as
// [pre..., B..., post...] in any strides, so NumPy's placement rules live in TS and this file walks
// the other operand in C order (pre and B outside, the post block inside):
//   gather:  out[p, b, q] = src[i_0[b], .., i_{K-1}[b], p, q]
//   scatter: dst[i_0[b], .., i_{K-1}[b], p, q] = val[p, b, q]   (C order: the last write wins)
// Element bytes are moved as they are (values already have the destination's dtype).
#include <omp.h>

#include <algorithm>
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
  int mode, K, nB, npre;
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

// Walks `nd` outer dimensions in C order, moving one pointer per operand by its own strides.
struct Walk {
  int nd = 0, np = 0;
  int64_t shape[kMaxDims], idx[kMaxDims];
  int64_t strides[kMaxArgs][kMaxDims];
  char* ptr[kMaxArgs];
  char* base[kMaxArgs];
  void seek(int64_t start) {
    for (int a = 0; a < np; a++) ptr[a] = base[a];
    int64_t rem = start;
    for (int d = nd - 1; d >= 0; d--) {
      idx[d] = shape[d] ? rem % shape[d] : 0;
      rem = shape[d] ? rem / shape[d] : 0;
      for (int a = 0; a < np; a++) ptr[a] += idx[d] * strides[a][d];
    }
  }
  // Moves n steps along the last dimension (n <= what is left of it), carrying into outer ones.
  inline void advance(int64_t n) {
    const int l = nd - 1;
    for (int a = 0; a < np; a++) ptr[a] += n * strides[a][l];
    idx[l] += n;
    if (idx[l] < shape[l]) return;
    for (int a = 0; a < np; a++) ptr[a] -= strides[a][l] * shape[l];
    idx[l] = 0;
    for (int d = l - 1; d >= 0; d--) {
      for (int a = 0; a < np; a++) ptr[a] += strides[a][d];
      if (++idx[d] < shape[d]) return;
      for (int a = 0; a < np; a++) ptr[a] -= strides[a][d] * shape[d];
      idx[d] = 0;
    }
  }
  inline void next() {
    for (int d = nd - 1; d >= 0; d--) {
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

// The index space B (the index arrays' common shape) walked with the index arrays' pointers.
void walk_indices(Walk& w, const IndexSpec& s, const Tensor* idx) {
  w.nd = s.nB;
  w.np = s.K;
  for (int d = 0; d < s.nB; d++) w.shape[d] = s.K ? idx[0].shape[d] : 1;
  for (int k = 0; k < s.K; k++) {
    w.base[k] = idx[k].data;
    for (int d = 0; d < s.nB; d++) w.strides[k][d] = idx[k].strides[d];
  }
  w.seek(0);
}

// The first out-of-bounds index in NumPy's order (index array by index array, C order), as its message.
const char* bounds_error(const IndexSpec& s, const Tensor& arr, const Tensor* idx, int64_t nb) {
  Walk w;
  walk_indices(w, s, idx);
  for (int k = 0; k < s.K; k++) {
    const int64_t n = arr.shape[k];
    w.seek(0);
    for (int64_t b = 0; b < nb; b++, w.next()) {
      int64_t v = load_index(w.ptr[k], s.i32[k]);
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
const char* check_all(const IndexSpec& s, const Tensor& arr, const Tensor* idx, int64_t nb) {
  Walk w;
  walk_indices(w, s, idx);
  for (int64_t b = 0; b < nb; b++, w.next())
    for (int k = 0; k < s.K; k++) {
      int64_t v = load_index(w.ptr[k], s.i32[k]);
      if (!fix_index(v, arr.shape[k], kRaise)) return bounds_error(s, arr, idx, nb);
    }
  return nullptr;
}

// aux: [mode, K, nB, npre, (index is int32, axis for messages) x K]; tensors: arr, other, index x K.
// arr is [n_0 .. n_{K-1}, pre..., post...]; other is [pre..., B..., post...]; each index has shape B.
const char* parse_spec(const TensorLaunch& L, IndexSpec& s, const char* who) {
  if (L.naux < 4) return who;
  s.mode = (int)L.aux[0];
  s.K = (int)L.aux[1];
  s.nB = (int)L.aux[2];
  s.npre = (int)L.aux[3];
  if (s.K < 0 || s.npre < 0 || L.nargs != s.K + 2 || L.naux != 4 + 2 * s.K) return who;
  for (int k = 0; k < s.K; k++) {
    s.i32[k] = L.aux[4 + 2 * k] != 0;
    s.axis[k] = (int)L.aux[5 + 2 * k];
  }
  const Tensor &arr = L.t[0], &other = L.t[1];
  const int R = arr.ndim - s.K;
  if (R < s.npre || other.ndim != s.nB + R || arr.itemsize != other.itemsize) return who;
  for (int d = 0; d < R; d++) {
    const int od = d < s.npre ? d : d + s.nB;
    if (arr.shape[s.K + d] != other.shape[od]) return who;
  }
  for (int k = 0; k < s.K; k++) {
    const Tensor& t = L.t[2 + k];
    if (t.ndim != s.nB || t.itemsize != (s.i32[k] ? 4 : 8)) return who;
    for (int d = 0; d < s.nB; d++)
      if (t.shape[d] != other.shape[s.npre + d]) return who;
  }
  return nullptr;
}

// The outer walk over other's [pre..., B...] dimensions: pointer 0 is other, 1 is arr at the pre
// position, 2 + k is index array k.
void walk_outer(Walk& w, const IndexSpec& s, const Tensor& arr, const Tensor& other, const Tensor* idx) {
  w.nd = s.npre + s.nB;
  w.np = 2 + s.K;
  w.base[0] = other.data;
  w.base[1] = arr.data;
  for (int k = 0; k < s.K; k++) w.base[2 + k] = idx[k].data;
  for (int d = 0; d < w.nd; d++) {
    const bool pre = d < s.npre;
    w.shape[d] = other.shape[d];
    w.strides[0][d] = other.strides[d];
    w.strides[1][d] = pre ? arr.strides[s.K + d] : 0;
    for (int k = 0; k < s.K; k++) w.strides[2 + k][d] = pre ? 0 : idx[k].strides[d - s.npre];
  }
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

struct Sizes {
  int64_t nb = 1, nw = 1, post = 1;
};

Sizes sizes_of(const IndexSpec& s, const Tensor& arr, const Tensor& other) {
  Sizes z;
  for (int d = 0; d < s.npre + s.nB; d++) z.nw *= other.shape[d];
  for (int d = 0; d < s.nB; d++) z.nb *= other.shape[s.npre + d];
  for (int d = s.npre + s.nB; d < other.ndim; d++) z.post *= other.shape[d];
  return z;
}

// One run of `n` steps along the walk's last dimension `l` (l < 0: the single step of a 0-d walk).
template <class E>
bool gather_run_elems(const IndexSpec& s, const Tensor& src, const Walk& w, int l, int64_t n) {
  const int64_t so = l < 0 ? 0 : w.strides[0][l], sp = l < 0 ? 0 : w.strides[1][l];
  const int64_t si = l < 0 || s.K == 0 ? 0 : w.strides[2][l];
  char* o = w.ptr[0];
  const char* p = w.ptr[1];
  if (s.K == 1) {
    const char* ip = w.ptr[2];
    const int64_t nk = src.shape[0], sk = src.strides[0];
    const bool i32 = s.i32[0];
    for (int64_t i = 0; i < n; i++, o += so, p += sp, ip += si) {
      int64_t v = load_index(ip, i32);
      if ((uint64_t)v >= (uint64_t)nk && !fix_index(v, nk, s.mode)) return false;
      *(E*)o = *(const E*)(p + v * sk);
    }
    return true;
  }
  for (int64_t i = 0; i < n; i++, o += so, p += sp) {
    const char* from = p;
    for (int k = 0; k < s.K; k++) {
      int64_t v = load_index(w.ptr[2 + k] + i * (l < 0 ? 0 : w.strides[2 + k][l]), s.i32[k]);
      if (!fix_index(v, src.shape[k], s.mode)) return false;
      from += v * src.strides[k];
    }
    *(E*)o = *(const E*)from;
  }
  return true;
}

bool gather_run(const IndexSpec& s, const Tensor& src, const Block& blk, const Walk& w, int l, int64_t n) {
  if (blk.nd == 0) {
    switch (blk.isz) {
      case 1: return gather_run_elems<uint8_t>(s, src, w, l, n);
      case 2: return gather_run_elems<uint16_t>(s, src, w, l, n);
      case 4: return gather_run_elems<uint32_t>(s, src, w, l, n);
      case 8: return gather_run_elems<uint64_t>(s, src, w, l, n);
      default: break;
    }
  }
  for (int64_t i = 0; i < n; i++) {
    const char* from = w.ptr[1] + i * (l < 0 ? 0 : w.strides[1][l]);
    for (int k = 0; k < s.K; k++) {
      int64_t v = load_index(w.ptr[2 + k] + i * (l < 0 ? 0 : w.strides[2 + k][l]), s.i32[k]);
      if (!fix_index(v, src.shape[k], s.mode)) return false;
      from += v * src.strides[k];
    }
    blk.copy(w.ptr[0] + i * (l < 0 ? 0 : w.strides[0][l]), from);
  }
  return true;
}

const char* exec_gather() {
  TensorLaunch L;
  if (const char* err = parse_tensors(L)) return err;
  IndexSpec s;
  if (const char* err = parse_spec(L, s, "index_gather: bad launch")) return err;
  const Tensor &src = L.t[0], &out = L.t[1];
  const Tensor* idx = &L.t[2];
  const Sizes z = sizes_of(s, src, out);
  if (z.nb == 0) return nullptr;
  // NumPy checks the indices even when nothing is copied (other axes empty).
  if (z.nw == 0 || z.post == 0) return s.mode == kRaise ? check_all(s, src, idx, z.nb) : nullptr;
  for (int k = 0; k < s.K; k++)
    if (src.shape[k] == 0)
      return s.mode == kRaise ? bounds_error(s, src, idx, z.nb) : "IndexError: cannot do a non-empty take from an empty axes.";
  const int64_t work = z.nw * z.post;
  const int nt = work >= kParallelThreshold ? num_threads() : 1;
  std::atomic<bool> bad{false};
  const int R = src.ndim - s.K;
  if (s.K == 1 && s.nB == 1 && R == 0 && src.itemsize <= 8 && (src.itemsize & (src.itemsize - 1)) == 0) {
#pragma omp parallel num_threads(nt) if (nt > 1)
    {
      const int t = omp_get_thread_num(), T = omp_get_num_threads();
      const int64_t start = z.nb * t / T, end = z.nb * (t + 1) / T;
      const bool ok = s.i32[0] ? take_elems_by_size<int32_t>(src, out, idx[0], s.mode, start, end)
                               : take_elems_by_size<int64_t>(src, out, idx[0], s.mode, start, end);
      if (!ok) bad.store(true, std::memory_order_relaxed);
    }
    return bad.load() ? bounds_error(s, src, idx, z.nb) : nullptr;
  }
  const int npost = R - s.npre;
  Block blk;
  blk.init(npost, src.shape + s.K + s.npre, src.strides + s.K + s.npre, out.strides + s.npre + s.nB, src.itemsize);
#pragma omp parallel num_threads(nt) if (nt > 1)
  {
    const int t = omp_get_thread_num(), T = omp_get_num_threads();
    const int64_t start = z.nw * t / T, end = z.nw * (t + 1) / T;
    if (start < end) {
      Walk w;
      walk_outer(w, s, src, out, idx);
      w.seek(start);
      const int l = w.nd - 1;
      for (int64_t b = start; b < end;) {
        const int64_t run = l < 0 ? 1 : std::min(w.shape[l] - w.idx[l], end - b);
        if (!gather_run(s, src, blk, w, l, run)) {
          bad.store(true, std::memory_order_relaxed);
          break;
        }
        b += run;
        if (l >= 0) w.advance(run);
      }
    }
  }
  return bad.load() ? bounds_error(s, src, idx, z.nb) : nullptr;
}

// Scatter runs on one thread: repeated indices must keep NumPy's order (the last write wins).
// Indices are checked before anything is written, so a raising call leaves `dst` untouched.
const char* exec_scatter() {
  TensorLaunch L;
  if (const char* err = parse_tensors(L)) return err;
  IndexSpec s;
  if (const char* err = parse_spec(L, s, "index_scatter: bad launch")) return err;
  const Tensor &dst = L.t[0], &val = L.t[1];
  const Tensor* idx = &L.t[2];
  const Sizes z = sizes_of(s, dst, val);
  if (z.nb == 0) return nullptr;
  for (int k = 0; k < s.K; k++)
    if (dst.shape[k] == 0)
      return s.mode == kRaise ? bounds_error(s, dst, idx, z.nb) : "IndexError: cannot replace elements of an empty array";
  if (s.mode == kRaise)
    if (const char* err = check_all(s, dst, idx, z.nb)) return err;
  if (z.nw == 0 || z.post == 0) return nullptr;
  const int npost = dst.ndim - s.K - s.npre;
  Block blk;
  blk.init(npost, dst.shape + s.K + s.npre, val.strides + s.npre + s.nB, dst.strides + s.K + s.npre, dst.itemsize);
  Walk w;
  walk_outer(w, s, dst, val, idx);
  w.seek(0);
  for (int64_t b = 0; b < z.nw; b++, w.next()) {
    char* to = w.ptr[1];
    for (int k = 0; k < s.K; k++) {
      int64_t v = load_index(w.ptr[2 + k], s.i32[k]);
      fix_index(v, dst.shape[k], s.mode);
      to += v * dst.strides[k];
    }
    blk.copy(to, w.ptr[0]);
  }
  return nullptr;
}

RegisterCommand reg_gather("index_gather", exec_gather);
RegisterCommand reg_scatter("index_scatter", exec_scatter);

}  // namespace
}  // namespace qk
