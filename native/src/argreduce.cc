// np.argmax / np.argmin and their nan- forms along one axis: the index of the first extreme value.
// NaN: the plain forms return the first NaN (NaN compares as the extreme, as NumPy); the nan- forms
// read NaN as -inf (argmax) / +inf (argmin), exactly what NumPy's nanargmax does by replacing NaNs,
// and fail on a lane that holds nothing else.
#include <omp.h>

#include <limits>
#include <vector>

#include "command.h"
#include "dtype_dispatch.h"
#include "reduce_lanes.h"

namespace qk {
namespace {

constexpr int64_t kBlock = 256;  // inner elements one work unit carries

template <class K, bool kMax> inline bool better(K x, K best) {
  if constexpr (kMax) return x > best;
  else return x < best;
}

// One contiguous lane, [k0, k1): blocks are first reduced to their extreme (a loop the compiler
// vectorises), and only a block that improves on the best so far is searched for its first index.
template <class S, bool kMax, bool kSkipNan>
void arg_contiguous(const S* x, int64_t k0, int64_t k1, key_t<S>& best, int64_t& idx, uint8_t& seen) {
  using K = key_t<S>;
  constexpr bool kFloat = std::is_floating_point_v<K>;
  constexpr int64_t kChunk = 512;
  idx = k0;
  seen = 1;
  if constexpr (kFloat && kSkipNan) {
    // NaN reads as the worst value: the first element stands until a number beats it.
    best = kMax ? -std::numeric_limits<K>::infinity() : std::numeric_limits<K>::infinity();
    seen = 0;
  } else {
    best = convert<K>(x[k0]);
    if (best != best) return;  // a leading NaN is the answer
  }
  constexpr int kLanes = 16;  // independent lanes, so that the block loop vectorises
  for (int64_t b = k0; b < k1; b += kChunk) {
    const int64_t e = std::min(k1, b + kChunk);
    K r[kLanes];
    int32_t nn[kLanes];
    for (int k = 0; k < kLanes; k++) r[k] = best, nn[k] = 0;
    int64_t i = b;
    for (; i + kLanes <= e; i += kLanes)
      for (int k = 0; k < kLanes; k++) {
        const K v = convert<K>(x[i + k]);
        if constexpr (kFloat) nn[k] += v != v;
        r[k] = better<K, kMax>(v, r[k]) ? v : r[k];  // NaN never wins here
      }
    K m = best;
    int64_t nan = 0;
    for (int k = 0; k < kLanes; k++) {
      m = better<K, kMax>(r[k], m) ? r[k] : m;
      nan += nn[k];
    }
    for (; i < e; i++) {
      const K v = convert<K>(x[i]);
      if constexpr (kFloat) nan += v != v;
      m = better<K, kMax>(v, m) ? v : m;
    }
    if constexpr (kFloat) {
      if (nan < e - b) seen = 1;
      if (!kSkipNan && nan) {  // the first NaN is the answer
        for (int64_t i = b; i < e; i++) {
          const K v = convert<K>(x[i]);
          if (v != v) {
            idx = i;
            best = v;
            return;
          }
        }
      }
    }
    if (better<K, kMax>(m, best)) {
      best = m;
      for (int64_t i = b; i < e; i++)
        if (convert<K>(x[i]) == m) {
          idx = i;
          break;
        }
    }
  }
}

// Scans lane indices [k0, k1) of `nj` inner elements starting at p (lane stride `as`, inner
// stride `is`); leaves each element's best key and index, and (kSkipNan) whether it saw a number.
template <class S, bool kMax, bool kSkipNan>
void arg_unit(const char* p, int64_t as, int64_t is, int64_t k0, int64_t k1, int64_t nj, key_t<S>* best,
              int64_t* idx, uint8_t* seen) {
  using K = key_t<S>;
  constexpr bool kFloat = std::is_floating_point_v<K>;
  constexpr K kWorst = kMax ? -std::numeric_limits<K>::infinity() : std::numeric_limits<K>::infinity();
  if (nj == 1 && as == (int64_t)sizeof(S)) return arg_contiguous<S, kMax, kSkipNan>((const S*)p, k0, k1, best[0], idx[0], seen[0]);
  for (int64_t j = 0; j < nj; j++) {
    K v = convert<K>(*(const S*)(p + k0 * as + j * is));
    if constexpr (kFloat && kSkipNan) {
      seen[j] = v == v;
      if (v != v) v = kWorst;
    } else {
      seen[j] = 1;
    }
    best[j] = v;
    idx[j] = k0;
  }
  for (int64_t k = k0 + 1; k < k1; k++) {
    const char* row = p + k * as;
    for (int64_t j = 0; j < nj; j++) {
      const K v = convert<K>(*(const S*)(row + j * is));
      if constexpr (kFloat && kSkipNan) {
        if (v != v) continue;
        seen[j] = 1;
        if (better<K, kMax>(v, best[j])) best[j] = v, idx[j] = k;
      } else if constexpr (kFloat) {
        if (best[j] != best[j]) continue;  // a NaN already won
        if (v != v || better<K, kMax>(v, best[j])) best[j] = v, idx[j] = k;
      } else if (better<K, kMax>(v, best[j])) {
        best[j] = v, idx[j] = k;
      }
    }
  }
}

// Folds a later chunk's result into an earlier one's: ties and NaN keep the earlier index.
template <class K, bool kMax, bool kSkipNan>
inline void merge(K& best, int64_t& idx, uint8_t& seen, K b, int64_t i, uint8_t s) {
  if constexpr (std::is_floating_point_v<K> && !kSkipNan) {
    if (best != best) return;
    if (b != b || better<K, kMax>(b, best)) best = b, idx = i;
  } else {
    seen |= s;
    if (better<K, kMax>(b, best)) best = b, idx = i;
  }
}

// Returns false when (kSkipNan) some lane held only NaN.
template <class S, bool kMax, bool kSkipNan> bool argreduce(const Tensor& in, const Tensor& out, int axis) {
  using K = key_t<S>;
  const Tensor ts[2] = {in, out};
  const LaneLayout L = lane_layout(ts, 2, axis, true);
  const int64_t nblocks = (L.inner + kBlock - 1) / kBlock;
  const int64_t items = L.outer_size * nblocks;
  const int64_t total = L.outer_size * L.n * L.inner;
  const int nt = num_threads();
  const bool big = total >= kParallelThreshold && nt > 1;
  // Few output blocks (a full reduction): split each lane into one chunk per thread instead.
  const int chunks = big && items < nt && L.n >= 2 * nt ? nt : 1;
  const int64_t units = items * chunks;
  std::vector<K> pbest(chunks > 1 ? units * kBlock : 0);
  std::vector<int64_t> pidx(pbest.size());
  std::vector<uint8_t> pseen(pbest.size());
  bool all_seen = true;
#pragma omp parallel if (big && units > 1) num_threads(nt) reduction(&& : all_seen)
  {
    std::vector<K> best(kBlock);
    std::vector<int64_t> idx(kBlock);
    std::vector<uint8_t> seen(kBlock, 1);
#pragma omp for schedule(static)
    for (int64_t u = 0; u < units; u++) {
      const int64_t item = u / chunks, c = u % chunks;
      const int64_t o = item / nblocks, j0 = (item % nblocks) * kBlock;
      const int64_t nj = std::min<int64_t>(kBlock, L.inner - j0);
      const int64_t k0 = L.n * c / chunks, k1 = L.n * (c + 1) / chunks;
      char* p[2];
      outer_offsets(L, o, p);
      K* b = chunks > 1 ? &pbest[u * kBlock] : best.data();
      int64_t* ix = chunks > 1 ? &pidx[u * kBlock] : idx.data();
      uint8_t* sn = chunks > 1 ? &pseen[u * kBlock] : seen.data();
      arg_unit<S, kMax, kSkipNan>(p[0] + j0 * L.inner_stride[0], L.axis_stride[0], L.inner_stride[0], k0, k1, nj, b, ix, sn);
      if (chunks == 1) {
        char* q = p[1] + j0 * L.inner_stride[1];
        for (int64_t j = 0; j < nj; j++) {
          *(int64_t*)(q + j * L.inner_stride[1]) = ix[j];
          if (kSkipNan && !sn[j]) all_seen = false;
        }
      }
    }
  }
  if (chunks > 1) {
    for (int64_t item = 0; item < items; item++) {
      const int64_t o = item / nblocks, j0 = (item % nblocks) * kBlock;
      const int64_t nj = std::min<int64_t>(kBlock, L.inner - j0);
      char* p[2];
      outer_offsets(L, o, p);
      for (int64_t j = 0; j < nj; j++) {
        const int64_t u0 = item * chunks;
        K b = pbest[u0 * kBlock + j];
        int64_t ix = pidx[u0 * kBlock + j];
        uint8_t sn = pseen[u0 * kBlock + j];
        for (int c = 1; c < chunks; c++) {
          const int64_t u = (u0 + c) * kBlock + j;
          merge<K, kMax, kSkipNan>(b, ix, sn, pbest[u], pidx[u], pseen[u]);
        }
        *(int64_t*)(p[1] + (j0 + j) * L.inner_stride[1]) = ix;
        if (kSkipNan && !sn) all_seen = false;
      }
    }
  }
  return all_seen;
}

// aux: [dtype code, axis, 0 argmax | 1 argmin, skip NaN]; tensors: input, output (int64, the
// input's shape with extent 1 along the axis). The input's lanes are not empty.
const char* exec_argreduce() {
  TensorLaunch L;
  if (const char* err = parse_tensors(L)) return err;
  if (L.nargs != 2 || L.naux != 4) return "argreduce: bad launch";
  const Tensor &in = L.t[0], &out = L.t[1];
  const int axis = (int)L.aux[1];
  if (axis < 0 || axis >= in.ndim || out.ndim != in.ndim || out.itemsize != 8) return "argreduce: bad operands";
  for (int d = 0; d < in.ndim; d++)
    if (d != axis && in.shape[d] != out.shape[d]) return "argreduce: bad operands";
  if (in.shape[axis] == 0) return "argreduce: empty lane";
  if (in.size() == 0) return nullptr;
  const bool is_min = L.aux[2] != 0, skip = L.aux[3] != 0;
  bool all_seen = true;
  bool ok = dispatch_dtype((int)L.aux[0], [&](auto tag) {
    using S = typename decltype(tag)::type;
    if (!is_min && !skip) all_seen = argreduce<S, true, false>(in, out, axis);
    else if (!is_min) all_seen = argreduce<S, true, true>(in, out, axis);
    else if (!skip) all_seen = argreduce<S, false, false>(in, out, axis);
    else all_seen = argreduce<S, false, true>(in, out, axis);
  });
  if (!ok) return "argreduce: unknown dtype";
  if (!all_seen) return is_min ? "nanargmin: All-NaN slice encountered" : "nanargmax: All-NaN slice encountered";
  return nullptr;
}

RegisterCommand reg("argreduce", exec_argreduce);

}  // namespace
}  // namespace qk
