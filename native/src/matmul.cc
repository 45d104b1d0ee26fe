// np.matmul's kernel: C[b] = A[b] @ B[b] over broadcast batch dimensions (a batch stride of 0 is a
// broadcast operand). float32 / bfloat16 run oneDNN's matmul primitive (cached by shape and
// layout), float64 OpenBLAS's dgemm, integers and bool an exact loop here (products and sums wrap
// in 64 bits and are truncated to the output type, which is what NumPy's same-type accumulation
// gives, since wrapping is a ring homomorphism). float16 arrives as float32 (TS casts).
#include <cblas.h>
#include <omp.h>

#include <array>
#include <cstring>
#include <map>
#include <oneapi/dnnl/dnnl.hpp>
#include <vector>

#include "command.h"
#include "dtype_dispatch.h"
#include "iterate.h"
#include "launch.h"

namespace qk {

// OpenBLAS (pthread build on Debian) keeps its own pool; it follows quark's thread count so the
// two pools never oversubscribe the cores. Shared with linalg.cc.
static int g_blas_threads = -1;
void sync_blas_threads(int n = 0) {
  if (n <= 0) n = num_threads();
  if (n != g_blas_threads) {
    openblas_set_num_threads(n);
    g_blas_threads = n;
  }
}

namespace {

// A matrix operand in a batch: rows x cols with element strides (rs, cs).
struct Mat {
  int64_t rows, cols, rs, cs;
};

// Whether a BLAS-style plain layout reads it: row-major (cs == 1, rs >= cols) or column-major
// (rs == 1, cs >= rows). Strides of length-1 dimensions don't matter and are normalised first.
bool plain(Mat& m) {
  if (m.cols == 1) m.cs = 1;
  if (m.rows == 1) m.rs = m.cs == 1 ? std::max<int64_t>(m.cols, 1) : 1;
  if (m.cs == 1 && m.rs >= std::max<int64_t>(m.cols, 1)) return true;
  if (m.rs == 1 && m.cs >= std::max<int64_t>(m.rows, 1)) return true;
  return false;
}

// The batch dimensions after merging those that step evenly in all three operands and dropping
// length-1 ones (element strides).
struct Batch {
  int nd = 0;
  int64_t shape[kMaxDims];
  int64_t st[3][kMaxDims];
  int64_t count() const {
    int64_t n = 1;
    for (int d = 0; d < nd; d++) n *= shape[d];
    return n;
  }
};

Batch collapse_batch(const Tensor* t, int nb) {
  Batch b;
  for (int d = 0; d < nb; d++) {
    const int64_t n = t[2].shape[d];
    if (n == 1) continue;
    int64_t s[3];
    for (int k = 0; k < 3; k++) s[k] = t[k].strides[d] / t[k].itemsize;
    if (b.nd > 0) {
      const int p = b.nd - 1;
      bool merge = true;
      for (int k = 0; k < 3; k++) merge = merge && b.st[k][p] == s[k] * n;
      if (merge) {
        b.shape[p] *= n;
        for (int k = 0; k < 3; k++) b.st[k][p] = s[k];
        continue;
      }
    }
    b.shape[b.nd] = n;
    for (int k = 0; k < 3; k++) b.st[k][b.nd] = s[k];
    b.nd++;
  }
  return b;
}

// Copies operand k (batch dims of `b`, then a rows x cols matrix) into a C-contiguous buffer; the
// batch strides of `b` and the matrix become contiguous (broadcast batches stay stride 0).
template <class S> std::vector<S> pack(const char* base, Batch& b, int k, Mat& m) {
  const int64_t mat = m.rows * m.cols;
  int64_t nb = 1;
  for (int d = 0; d < b.nd; d++) nb *= b.st[k][d] == 0 ? 1 : b.shape[d];
  std::vector<S> out((size_t)(nb * mat));
  std::vector<int64_t> idx(b.nd, 0);
  int64_t w = 0;
  const int64_t total = b.count();
  // Walk all batch indices; operands broadcast along a dim are copied once per distinct offset.
  std::map<int64_t, int64_t> where;
  for (int64_t i = 0; i < total; i++) {
    int64_t off = 0;
    for (int d = 0; d < b.nd; d++) off += idx[d] * b.st[k][d];
    if (!where.count(off)) {
      where[off] = w;
      const S* src = (const S*)base + off;
      S* dst = out.data() + w * mat;
      for (int64_t r = 0; r < m.rows; r++)
        for (int64_t c = 0; c < m.cols; c++) dst[r * m.cols + c] = src[r * m.rs + c * m.cs];
      w++;
    }
    for (int d = b.nd - 1; d >= 0; d--) {
      if (++idx[d] < b.shape[d]) break;
      idx[d] = 0;
    }
  }
  // New batch strides: contiguous over the non-broadcast dims.
  int64_t s = mat;
  for (int d = b.nd - 1; d >= 0; d--) {
    if (b.st[k][d] != 0) {
      b.st[k][d] = s;
      s *= b.shape[d];
    }
  }
  m.rs = m.cols;
  m.cs = 1;
  return out;
}

// Calls fn(offA, offB, offC) (element offsets) for every index of the batch dims before `keep`
// (the last `keep` dims are left to the callee).
template <class F> void for_batches(const Batch& b, int keep, F&& fn) {
  const int outer = b.nd - keep;
  int64_t total = 1;
  for (int d = 0; d < outer; d++) total *= b.shape[d];
  std::vector<int64_t> idx(std::max(outer, 1), 0);
  for (int64_t i = 0; i < total; i++) {
    int64_t o[3] = {0, 0, 0};
    for (int d = 0; d < outer; d++)
      for (int k = 0; k < 3; k++) o[k] += idx[d] * b.st[k][d];
    fn(o[0], o[1], o[2]);
    for (int d = outer - 1; d >= 0; d--) {
      if (++idx[d] < b.shape[d]) break;
      idx[d] = 0;
    }
  }
}

// ---- oneDNN (float32, bfloat16) ----------------------------------------------------------------

dnnl::engine& engine() {
  static dnnl::engine e(dnnl::engine::kind::cpu, 0);
  return e;
}

using Key = std::array<int64_t, 16>;

struct Prim {
  dnnl::matmul prim;
  dnnl::memory::desc a, b, c;
};

// Primitives are cached by dtype, shape and strides (creating one costs tens of microseconds).
Prim& primitive(dnnl::memory::data_type dt, int64_t nb, const int64_t bs[3], const Mat& A, const Mat& B, const Mat& C) {
  static std::map<Key, Prim> cache;
  Key k = {(int64_t)dt, nb, bs[0], bs[1], bs[2], A.rows, A.cols, B.cols, A.rs, A.cs, B.rs, B.cs, C.rs, C.cs, 0, 0};
  auto it = cache.find(k);
  if (it != cache.end()) return it->second;
  if (cache.size() > 512) cache.clear();
  using dims = dnnl::memory::dims;
  // A batch of 1 for a broadcast operand: oneDNN broadcasts batch dims of size 1.
  const int64_t na = bs[0] == 0 ? 1 : nb, nbb = bs[1] == 0 ? 1 : nb;
  dnnl::memory::desc a(dims{na, A.rows, A.cols}, dt, dims{bs[0] == 0 ? A.rows * A.cols : bs[0], A.rs, A.cs});
  dnnl::memory::desc b(dims{nbb, B.rows, B.cols}, dt, dims{bs[1] == 0 ? B.rows * B.cols : bs[1], B.rs, B.cs});
  dnnl::memory::desc c(dims{nb, C.rows, C.cols}, dt, dims{bs[2], C.rs, C.cs});
#if DNNL_VERSION_MAJOR >= 3
  dnnl::matmul::primitive_desc pd(engine(), a, b, c);
#else
  dnnl::matmul::primitive_desc pd(dnnl::matmul::desc(a, b, c), engine());
#endif
  return cache.emplace(k, Prim{dnnl::matmul(pd), a, b, c}).first->second;
}

template <class S>
const char* run_dnnl(dnnl::memory::data_type dt, char* pa, char* pb, char* pc, Batch& b, Mat A, Mat B, Mat C) {
  // One primitive covers the innermost batch dim (its strides); outer ones loop.
  const int keep = b.nd > 0 ? 1 : 0;
  const int64_t nb = keep ? b.shape[b.nd - 1] : 1;
  int64_t bs[3];
  for (int k = 0; k < 3; k++) bs[k] = keep ? b.st[k][b.nd - 1] : 0;
  if (!keep) {
    bs[0] = A.rows * A.cols;  // a single matrix: any batch stride will do
    bs[1] = B.rows * B.cols;
  }
  if (bs[2] == 0) bs[2] = C.rows * C.cols;
  try {
    Prim& p = primitive(dt, nb, bs, A, B, C);
    dnnl::stream s(engine());
    for_batches(b, keep, [&](int64_t oa, int64_t ob, int64_t oc) {
      dnnl::memory ma(p.a, engine(), (S*)pa + oa), mb(p.b, engine(), (S*)pb + ob), mc(p.c, engine(), (S*)pc + oc);
      p.prim.execute(s, {{DNNL_ARG_SRC, ma}, {DNNL_ARG_WEIGHTS, mb}, {DNNL_ARG_DST, mc}});
    });
    s.wait();
  } catch (const dnnl::error&) {
    return "matmul: oneDNN has no kernel for this dtype here";
  }
  return nullptr;
}

// Many small float32 products (a batch of 64x64): sgemm per matrix (as NumPy), quark's threads
// over the batch and OpenBLAS single-threaded inside. Measured on 512 x 64^3, one core: 3.3 ms,
// against 3.9 ms for one batched oneDNN primitive and 3.8 ms for dnnl_sgemm per matrix. Dynamic
// chunks: a thread descheduled on a busy machine doesn't hold up the others' share.
void run_sgemm_batched(char* pa, char* pb, char* pc, Batch& b, Mat A, Mat B, Mat C) {
  const bool ta = A.cs != 1, tb = B.cs != 1;
  const int64_t lda = ta ? A.cs : A.rs, ldb = tb ? B.cs : B.rs;
  std::vector<int64_t> offs[3];
  for_batches(b, 0, [&](int64_t oa, int64_t ob, int64_t oc) {
    offs[0].push_back(oa);
    offs[1].push_back(ob);
    offs[2].push_back(oc);
  });
  const int64_t n = (int64_t)offs[0].size();
  const int nt = std::min<int64_t>(num_threads(), n);
  sync_blas_threads(1);
#pragma omp parallel for num_threads(nt) schedule(dynamic, 4) if (nt > 1)
  for (int64_t i = 0; i < n; i++) {
    cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, (int)C.rows, (int)C.cols, (int)A.cols, 1.0f, (const float*)pa + offs[0][i], (int)lda,
               (const float*)pb + offs[1][i], (int)ldb, 0.0f, (float*)pc + offs[2][i], (int)C.rs);
  }
}

// ---- OpenBLAS (float64) ----------------------------------------------------------------------

void run_dgemm(char* pa, char* pb, char* pc, Batch& b, Mat A, Mat B, Mat C) {
  sync_blas_threads();
  const bool ta = A.cs != 1, tb = B.cs != 1;
  const int64_t lda = ta ? A.cs : A.rs, ldb = tb ? B.cs : B.rs;
  for_batches(b, 0, [&](int64_t oa, int64_t ob, int64_t oc) {
    cblas_dgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, (int)C.rows, (int)C.cols,
                (int)A.cols, 1.0, (const double*)pa + oa, (int)lda, (const double*)pb + ob, (int)ldb, 0.0,
                (double*)pc + oc, (int)C.rs);
  });
}

// ---- OpenBLAS (complex64 / complex128: cgemm / zgemm) ------------------------------------------

template <class T> void run_cgemm(char* pa, char* pb, char* pc, Batch& b, Mat A, Mat B, Mat C) {
  sync_blas_threads();
  const bool ta = A.cs != 1, tb = B.cs != 1;
  const int64_t lda = ta ? A.cs : A.rs, ldb = tb ? B.cs : B.rs;
  const T one[2] = {1, 0}, zero[2] = {0, 0};
  for_batches(b, 0, [&](int64_t oa, int64_t ob, int64_t oc) {
    const auto TA = ta ? CblasTrans : CblasNoTrans, TB = tb ? CblasTrans : CblasNoTrans;
    const T *a = (const T*)pa + 2 * oa, *bb = (const T*)pb + 2 * ob;
    T* c = (T*)pc + 2 * oc;
    if constexpr (std::is_same_v<T, float>)
      cblas_cgemm(CblasRowMajor, TA, TB, (int)C.rows, (int)C.cols, (int)A.cols, one, a, (int)lda, bb, (int)ldb, zero, c, (int)C.rs);
    else
      cblas_zgemm(CblasRowMajor, TA, TB, (int)C.rows, (int)C.cols, (int)A.cols, one, a, (int)lda, bb, (int)ldb, zero, c, (int)C.rs);
  });
}

// A complex operand's element (two parts) as one packable value.
template <class T> struct CPair {
  T v[2];
};

template <class T> void matmul_complex(const Tensor* t, Batch& b, Mat A, Mat B, Mat C) {
  char *pa = t[0].data, *pb = t[1].data;
  std::vector<CPair<T>> ka, kb;
  bool negA = false, negB = false;
  for (int d = 0; d < b.nd; d++) negA = negA || b.st[0][d] < 0, negB = negB || b.st[1][d] < 0;
  if (!plain(A) || negA || A.rs < 0 || A.cs < 0) {
    ka = pack<CPair<T>>(pa, b, 0, A);
    pa = (char*)ka.data();
  }
  if (!plain(B) || negB || B.rs < 0 || B.cs < 0) {
    kb = pack<CPair<T>>(pb, b, 1, B);
    pb = (char*)kb.data();
  }
  run_cgemm<T>(pa, pb, t[2].data, b, A, B, C);
}

// ---- integers and bool: exact -----------------------------------------------------------------

template <class S> void run_exact(char* pa, char* pb, char* pc, Batch& b, Mat A, Mat B, Mat C) {
  const int64_t M = C.rows, N = C.cols, K = A.cols;
  std::vector<int64_t> offs[3];
  for_batches(b, 0, [&](int64_t oa, int64_t ob, int64_t oc) {
    offs[0].push_back(oa);
    offs[1].push_back(ob);
    offs[2].push_back(oc);
  });
  const int64_t rows = (int64_t)offs[0].size() * M;
  const int nt = rows * N * K >= (1 << 15) ? num_threads() : 1;
#pragma omp parallel num_threads(nt) if (nt > 1)
  {
    std::vector<uint64_t> acc((size_t)N);
#pragma omp for schedule(dynamic, 16)
    for (int64_t r = 0; r < rows; r++) {
      const int64_t bi = r / M, i = r % M;
      const S* a = (const S*)pa + offs[0][bi] + i * A.rs;
      const S* bb = (const S*)pb + offs[1][bi];
      S* c = (S*)pc + offs[2][bi] + i * C.rs;
      std::fill(acc.begin(), acc.end(), 0);
      for (int64_t k = 0; k < K; k++) {
        const S av = a[k * A.cs];
        if constexpr (std::is_same_v<S, bool>) {
          if (!av) continue;
          for (int64_t j = 0; j < N; j++) acc[j] |= bb[k * B.rs + j * B.cs] ? 1 : 0;
        } else {
          const uint64_t x = (uint64_t)(int64_t)av;
          if (x == 0) continue;
          for (int64_t j = 0; j < N; j++) acc[j] += x * (uint64_t)(int64_t)bb[k * B.rs + j * B.cs];
        }
      }
      for (int64_t j = 0; j < N; j++) c[j * C.cs] = (S)acc[j];
    }
  }
}

// aux: [dtype code]; tensors: A (batch..., M, K), B (batch..., K, N), C (batch..., M, N), batch
// dims already broadcast to C's (stride 0 where an operand is broadcast).
const char* exec_matmul() {
  TensorLaunch L;
  if (const char* err = parse_tensors(L)) return err;
  if (L.nargs != 3 || L.naux != 1) return "matmul: bad launch";
  const Tensor* t = L.t;
  const int nd = t[2].ndim;
  if (nd < 2 || t[0].ndim != nd || t[1].ndim != nd) return "matmul: bad ranks";
  const int64_t M = t[2].shape[nd - 2], N = t[2].shape[nd - 1], K = t[0].shape[nd - 1];
  if (t[0].shape[nd - 2] != M || t[1].shape[nd - 2] != K || t[1].shape[nd - 1] != N) return "matmul: bad shapes";
  const int code = (int)L.aux[0];
  if (t[2].size() == 0) return nullptr;
  auto mat = [&](int k) {
    const Tensor& x = t[k];
    return Mat{x.shape[nd - 2], x.shape[nd - 1], x.strides[nd - 2] / x.itemsize, x.strides[nd - 1] / x.itemsize};
  };
  Mat A = mat(0), B = mat(1), C = mat(2);
  Batch b = collapse_batch(t, nd - 2);
  if (K == 0) {
    // An empty sum: zeros (TS hands a fresh C-contiguous output).
    std::memset(t[2].data, 0, (size_t)(t[2].size() * t[2].itemsize));
    return nullptr;
  }
  plain(C);
  // complex dtype codes follow the real ones (src/core/dtype.ts)
  if (code == kFloat64 + 1) return matmul_complex<float>(t, b, A, B, C), nullptr;
  if (code == kFloat64 + 2) return matmul_complex<double>(t, b, A, B, C), nullptr;
  const char* err = nullptr;
  bool ok = dispatch_dtype(code, [&](auto tag) {
    using S = typename decltype(tag)::type;
    char *pa = t[0].data, *pb = t[1].data;
    constexpr bool fast = std::is_same_v<S, float> || std::is_same_v<S, bf16> || std::is_same_v<S, double>;
    using P = std::conditional_t<fast, S, float>;  // (vector<bool> has no data())
    std::vector<P> ka, kb;
    // Negative or odd strides: the BLAS-style kernels read a packed copy.
    bool negA = false, negB = false;
    for (int d = 0; d < b.nd; d++) negA = negA || b.st[0][d] < 0, negB = negB || b.st[1][d] < 0;
    if constexpr (fast) {
      if (!plain(A) || negA || A.rs < 0 || A.cs < 0) {
        ka = pack<P>(pa, b, 0, A);
        pa = (char*)ka.data();
      }
      if (!plain(B) || negB || B.rs < 0 || B.cs < 0) {
        kb = pack<P>(pb, b, 1, B);
        pb = (char*)kb.data();
      }
    }
    if constexpr (std::is_same_v<S, float>) {
      // Small products skip oneDNN's per-call set-up (memory objects, stream): ~16 -> ~6 us for 4x4.
      const int64_t mnk = M * N * K;
      if (mnk <= (b.count() > 1 ? (int64_t)1 << 21 : (int64_t)1 << 15)) run_sgemm_batched(pa, pb, t[2].data, b, A, B, C);
      else err = run_dnnl<S>(dnnl::memory::data_type::f32, pa, pb, t[2].data, b, A, B, C);
    } else if constexpr (std::is_same_v<S, bf16>) {
      err = run_dnnl<S>(dnnl::memory::data_type::bf16, pa, pb, t[2].data, b, A, B, C);
    } else if constexpr (std::is_same_v<S, double>) {
      run_dgemm(pa, pb, t[2].data, b, A, B, C);
    } else if constexpr (std::is_same_v<S, f16>) {
      err = "matmul: float16 is computed in float32 (internal)";
    } else {
      run_exact<S>(pa, pb, t[2].data, b, A, B, C);
    }
  });
  if (!ok) return "matmul: unknown dtype";
  return err;
}

RegisterCommand reg_matmul("matmul", exec_matmul);

}  // namespace
}  // namespace qk
