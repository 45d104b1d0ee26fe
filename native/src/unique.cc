// np.unique and the set routines. Inputs arrive as rows (n, m): m = 1 for flattened arrays, the
// other axes for unique(axis=...). JS first orders the rows (sort, or stable argsort passes for
// lexicographic rows), then:
//   unique_groups  numbers the groups of equal rows in sorted order and returns their count;
//   unique_fill    writes the k unique rows, first indices, inverse and counts (k known now).
// Also `take` (gather by int64 indices) and `adjacent_mask` (intersect1d / setxor1d masks).
#include <cstring>
#include <vector>

#include "command.h"
#include "dtype_dispatch.h"
#include "iterate.h"
#include "launch.h"
#include "sort_keys.h"

namespace qk {
namespace {

// Row r of the (n, m) input, in the order given by perm (or the identity).
struct Rows {
  const Tensor& x;
  const Tensor* perm;
  inline int64_t index(int64_t i) const { return perm ? *(const int64_t*)(perm->data + i * perm->strides[0]) : i; }
  inline const char* row(int64_t r) const { return x.data + r * x.strides[0]; }
};

// Whether two rows are equal: keys equal, and (unless NaNs count as equal) no NaN.
template <class S> inline bool rows_equal(const Tensor& x, const char* a, const char* b, bool equal_nan) {
  const int64_t m = x.shape[1], s = x.strides[1];
  for (int64_t j = 0; j < m; j++) {
    const bits_t<S> ka = sort_key(*(const S*)(a + j * s)), kb = sort_key(*(const S*)(b + j * s));
    if (ka != kb) return false;
    if (!equal_nan && key_is_nan<S>(ka)) return false;
  }
  return true;
}

// aux: [dtype code, equal_nan, has_perm]; tensors: x (n, m), [perm (int64, n)], gid (int64, n), count (int64, [1]).
const char* exec_unique_groups() {
  TensorLaunch L;
  if (const char* err = parse_tensors(L)) return err;
  if (L.naux != 3) return "unique: bad launch";
  const bool has_perm = L.aux[2] != 0;
  if (L.nargs != (has_perm ? 4 : 3)) return "unique: bad launch";
  const Tensor& x = L.t[0];
  const Tensor* perm = has_perm ? &L.t[1] : nullptr;
  const Tensor &gid = L.t[has_perm ? 2 : 1], &cnt = L.t[has_perm ? 3 : 2];
  if (x.ndim != 2 || gid.ndim != 1 || gid.shape[0] != x.shape[0]) return "unique: bad shapes";
  const int64_t n = x.shape[0];
  const bool equal_nan = L.aux[1] != 0;
  Rows R{x, perm};
  int64_t g = -1;
  bool ok = dispatch_dtype((int)L.aux[0], [&](auto tag) {
    using S = typename decltype(tag)::type;
    const char* prev = nullptr;
    for (int64_t i = 0; i < n; i++) {
      const char* cur = R.row(R.index(i));
      if (!prev || !rows_equal<S>(x, prev, cur, equal_nan)) g++;
      *(int64_t*)(gid.data + i * gid.strides[0]) = g;
      prev = cur;
    }
  });
  if (!ok) return "unique: unknown dtype";
  *(int64_t*)cnt.data = g + 1;
  return nullptr;
}

inline void copy_elem(char* dst, const char* src, int64_t isz) { std::memcpy(dst, src, (size_t)isz); }

// aux: [has_perm, want_values, want_index, want_inverse, want_counts]; tensors: x (n, m),
// [perm], gid (n), then the wanted outputs in this order: values (k, m), index (int64, k),
// inverse (int64, n), counts (int64, k).
const char* exec_unique_fill() {
  TensorLaunch L;
  if (const char* err = parse_tensors(L)) return err;
  if (L.naux != 5) return "unique: bad launch";
  const bool has_perm = L.aux[0] != 0;
  const bool want[4] = {L.aux[1] != 0, L.aux[2] != 0, L.aux[3] != 0, L.aux[4] != 0};
  int p = 0;
  const Tensor& x = L.t[p++];
  const Tensor* perm = has_perm ? &L.t[p++] : nullptr;
  const Tensor& gid = L.t[p++];
  const Tensor* outs[4] = {nullptr, nullptr, nullptr, nullptr};
  for (int j = 0; j < 4; j++) {
    if (!want[j]) continue;
    if (p >= L.nargs) return "unique: bad launch";
    outs[j] = &L.t[p++];
  }
  if (p != L.nargs || x.ndim != 2) return "unique: bad launch";
  const int64_t n = x.shape[0], m = x.shape[1];
  const int64_t k = n == 0 ? 0 : *(const int64_t*)(gid.data + (n - 1) * gid.strides[0]) + 1;
  if (outs[0] && (outs[0]->ndim != 2 || outs[0]->shape[0] != k || outs[0]->shape[1] != m || outs[0]->itemsize != x.itemsize))
    return "unique: bad values output";
  if ((outs[1] && outs[1]->shape[0] != k) || (outs[2] && outs[2]->size() != n) || (outs[3] && outs[3]->shape[0] != k))
    return "unique: bad index output";
  Rows R{x, perm};
  int64_t last = -1, start = 0;
  for (int64_t i = 0; i <= n; i++) {
    const int64_t g = i < n ? *(const int64_t*)(gid.data + i * gid.strides[0]) : k;
    if (g != last) {
      if (last >= 0 && outs[3]) *(int64_t*)(outs[3]->data + last * outs[3]->strides[0]) = i - start;
      if (i == n) break;
      const int64_t r = R.index(i);
      if (outs[0]) {
        char* dst = outs[0]->data + g * outs[0]->strides[0];
        const char* src = R.row(r);
        for (int64_t j = 0; j < m; j++) copy_elem(dst + j * outs[0]->strides[1], src + j * x.strides[1], x.itemsize);
      }
      if (outs[1]) *(int64_t*)(outs[1]->data + g * outs[1]->strides[0]) = r;
      last = g;
      start = i;
    }
    if (outs[2]) *(int64_t*)(outs[2]->data + R.index(i) * outs[2]->strides[0]) = g;
  }
  return nullptr;
}

// out[...] = src[idx[...]] for a 1-D src and int64 indices (checked: 0 <= idx < len(src)).
// tensors: src (1-D), idx (int64, any shape, C-contiguous), out (idx's shape, C-contiguous).
const char* exec_take() {
  TensorLaunch L;
  if (const char* err = parse_tensors(L)) return err;
  if (L.nargs != 3) return "take: bad launch";
  const Tensor &src = L.t[0], &idx = L.t[1], &out = L.t[2];
  if (src.ndim != 1 || idx.size() != out.size() || src.itemsize != out.itemsize) return "take: bad shapes";
  const int64_t n = src.shape[0], m = idx.size();
  StridedCursor ci(idx, 0), co(out, 0);
  for (int64_t i = 0; i < m; i++, ci.next(), co.next()) {
    const int64_t j = *(const int64_t*)ci.ptr;
    if (j < 0 || j >= n) return "take: index out of range";
    copy_elem(co.ptr, src.data + j * src.strides[0], src.itemsize);
  }
  return nullptr;
}

// NumPy's == on sorted neighbours (NaN != NaN, -0.0 == 0.0).
// mode 0 (intersect1d): out[i] = a[i] == a[i+1], len n-1.
// mode 1 (setxor1d):   out[i] = a[i] != a[i-1] (or i == 0) and a[i] != a[i+1] (or i == n-1), len n.
// aux: [dtype code, mode]; tensors: a (1-D), out (bool).
const char* exec_adjacent_mask() {
  TensorLaunch L;
  if (const char* err = parse_tensors(L)) return err;
  if (L.nargs != 2 || L.naux != 2) return "adjacent_mask: bad launch";
  const Tensor &a = L.t[0], &out = L.t[1];
  const int mode = (int)L.aux[1];
  const int64_t n = a.shape[0];
  if (a.ndim != 1 || out.ndim != 1 || out.shape[0] != (mode == 0 ? std::max<int64_t>(n - 1, 0) : n)) return "adjacent_mask: bad shapes";
  bool ok = dispatch_dtype((int)L.aux[0], [&](auto tag) {
    using S = typename decltype(tag)::type;
    auto eq = [&](int64_t i, int64_t j) {
      const bits_t<S> ki = sort_key(*(const S*)(a.data + i * a.strides[0]));
      const bits_t<S> kj = sort_key(*(const S*)(a.data + j * a.strides[0]));
      return ki == kj && !key_is_nan<S>(ki);
    };
    for (int64_t i = 0; i < out.shape[0]; i++) {
      bool v;
      if (mode == 0) v = eq(i, i + 1);
      else v = (i == 0 || !eq(i, i - 1)) && (i == n - 1 || !eq(i, i + 1));
      *(uint8_t*)(out.data + i * out.strides[0]) = v ? 1 : 0;
    }
  });
  return ok ? nullptr : "adjacent_mask: unknown dtype";
}

RegisterCommand reg_groups("unique_groups", exec_unique_groups);
RegisterCommand reg_fill("unique_fill", exec_unique_fill);
RegisterCommand reg_take("take_1d", exec_take);
RegisterCommand reg_adjacent("adjacent_mask", exec_adjacent_mask);

}  // namespace
}  // namespace qk
