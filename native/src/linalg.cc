// np.linalg's decompositions through LAPACKE (the system's OpenBLAS provides the LAPACK routines):
// float32 takes the s* routines, float64 the d* ones, complex64 / complex128 the c* / z* ones. TS hands C-contiguous stacks of matrices
// (batch, ...) that the routines may overwrite, and an int64 `info` per matrix that it reads back
// to raise LinAlgError as NumPy does (singular, not positive definite, no convergence).
#include <algorithm>
#include <cmath>
#include <complex>
#include <cstring>
#include <type_traits>
#include <vector>

#include <lapacke.h>

#include "command.h"
#include "dtype_dispatch.h"
#include "launch.h"

namespace qk {

void sync_blas_threads(int n = 0);  // matmul.cc

namespace {

constexpr int RM = LAPACK_ROW_MAJOR;
using li = lapack_int;

// One name per routine for both precisions.
li getrf(li m, li n, float* a, li lda, li* p) { return LAPACKE_sgetrf(RM, m, n, a, lda, p); }
li getrf(li m, li n, double* a, li lda, li* p) { return LAPACKE_dgetrf(RM, m, n, a, lda, p); }
li gesv(li n, li k, float* a, li lda, li* p, float* b, li ldb) { return LAPACKE_sgesv(RM, n, k, a, lda, p, b, ldb); }
li gesv(li n, li k, double* a, li lda, li* p, double* b, li ldb) { return LAPACKE_dgesv(RM, n, k, a, lda, p, b, ldb); }
li potrf(char u, li n, float* a, li lda) { return LAPACKE_spotrf(RM, u, n, a, lda); }
li potrf(char u, li n, double* a, li lda) { return LAPACKE_dpotrf(RM, u, n, a, lda); }
li geqrf(li m, li n, float* a, li lda, float* tau) { return LAPACKE_sgeqrf(RM, m, n, a, lda, tau); }
li geqrf(li m, li n, double* a, li lda, double* tau) { return LAPACKE_dgeqrf(RM, m, n, a, lda, tau); }
li orgqr(li m, li n, li k, float* a, li lda, const float* tau) { return LAPACKE_sorgqr(RM, m, n, k, a, lda, tau); }
li orgqr(li m, li n, li k, double* a, li lda, const double* tau) { return LAPACKE_dorgqr(RM, m, n, k, a, lda, tau); }
li gesdd(char j, li m, li n, float* a, li lda, float* s, float* u, li ldu, float* vt, li ldvt) {
  return LAPACKE_sgesdd(RM, j, m, n, a, lda, s, u, ldu, vt, ldvt);
}
li gesdd(char j, li m, li n, double* a, li lda, double* s, double* u, li ldu, double* vt, li ldvt) {
  return LAPACKE_dgesdd(RM, j, m, n, a, lda, s, u, ldu, vt, ldvt);
}
li syevd(char j, char u, li n, float* a, li lda, float* w) { return LAPACKE_ssyevd(RM, j, u, n, a, lda, w); }
li syevd(char j, char u, li n, double* a, li lda, double* w) { return LAPACKE_dsyevd(RM, j, u, n, a, lda, w); }
li gelsd(li m, li n, li k, float* a, li lda, float* b, li ldb, float* s, float rc, li* rank) {
  return LAPACKE_sgelsd(RM, m, n, k, a, lda, b, ldb, s, rc, rank);
}
li gelsd(li m, li n, li k, double* a, li lda, double* b, li ldb, double* s, double rc, li* rank) {
  return LAPACKE_dgelsd(RM, m, n, k, a, lda, b, ldb, s, rc, rank);
}

using cf = std::complex<float>;
using cd = std::complex<double>;
template <class T> struct RealOf { using type = T; };
template <class T> struct RealOf<std::complex<T>> { using type = T; };
template <class T> using real_t = typename RealOf<T>::type;
template <class T> constexpr bool is_cplx = !std::is_same_v<T, real_t<T>>;

li getrf(li m, li n, cf* a, li lda, li* p) { return LAPACKE_cgetrf(RM, m, n, (lapack_complex_float*)a, lda, p); }
li getrf(li m, li n, cd* a, li lda, li* p) { return LAPACKE_zgetrf(RM, m, n, (lapack_complex_double*)a, lda, p); }
li gesv(li n, li k, cf* a, li lda, li* p, cf* b, li ldb) { return LAPACKE_cgesv(RM, n, k, (lapack_complex_float*)a, lda, p, (lapack_complex_float*)b, ldb); }
li gesv(li n, li k, cd* a, li lda, li* p, cd* b, li ldb) { return LAPACKE_zgesv(RM, n, k, (lapack_complex_double*)a, lda, p, (lapack_complex_double*)b, ldb); }
li potrf(char u, li n, cf* a, li lda) { return LAPACKE_cpotrf(RM, u, n, (lapack_complex_float*)a, lda); }
li potrf(char u, li n, cd* a, li lda) { return LAPACKE_zpotrf(RM, u, n, (lapack_complex_double*)a, lda); }
li geqrf(li m, li n, cf* a, li lda, cf* tau) { return LAPACKE_cgeqrf(RM, m, n, (lapack_complex_float*)a, lda, (lapack_complex_float*)tau); }
li geqrf(li m, li n, cd* a, li lda, cd* tau) { return LAPACKE_zgeqrf(RM, m, n, (lapack_complex_double*)a, lda, (lapack_complex_double*)tau); }
li orgqr(li m, li n, li k, cf* a, li lda, const cf* tau) { return LAPACKE_cungqr(RM, m, n, k, (lapack_complex_float*)a, lda, (const lapack_complex_float*)tau); }
li orgqr(li m, li n, li k, cd* a, li lda, const cd* tau) { return LAPACKE_zungqr(RM, m, n, k, (lapack_complex_double*)a, lda, (const lapack_complex_double*)tau); }
li gesdd(char j, li m, li n, cf* a, li lda, float* s, cf* u, li ldu, cf* vt, li ldvt) {
  return LAPACKE_cgesdd(RM, j, m, n, (lapack_complex_float*)a, lda, s, (lapack_complex_float*)u, ldu, (lapack_complex_float*)vt, ldvt);
}
li gesdd(char j, li m, li n, cd* a, li lda, double* s, cd* u, li ldu, cd* vt, li ldvt) {
  return LAPACKE_zgesdd(RM, j, m, n, (lapack_complex_double*)a, lda, s, (lapack_complex_double*)u, ldu, (lapack_complex_double*)vt, ldvt);
}
li syevd(char j, char u, li n, cf* a, li lda, float* w) { return LAPACKE_cheevd(RM, j, u, n, (lapack_complex_float*)a, lda, w); }
li syevd(char j, char u, li n, cd* a, li lda, double* w) { return LAPACKE_zheevd(RM, j, u, n, (lapack_complex_double*)a, lda, w); }
li gelsd(li m, li n, li k, cf* a, li lda, cf* b, li ldb, float* s, float rc, li* rank) {
  return LAPACKE_cgelsd(RM, m, n, k, (lapack_complex_float*)a, lda, (lapack_complex_float*)b, ldb, s, rc, rank);
}
li gelsd(li m, li n, li k, cd* a, li lda, cd* b, li ldb, double* s, double rc, li* rank) {
  return LAPACKE_zgelsd(RM, m, n, k, (lapack_complex_double*)a, lda, (lapack_complex_double*)b, ldb, s, rc, rank);
}

int64_t batch_of(const Tensor& t, int inner) {
  int64_t n = 1;
  for (int d = 0; d < t.ndim - inner; d++) n *= t.shape[d];
  return n;
}
int64_t dim(const Tensor& t, int fromEnd) { return t.shape[t.ndim - fromEnd]; }

// Runs fn with the element type of dtype code `code` (float32, float64, complex64, complex128;
// the complex codes follow the real ones, src/core/dtype.ts).
template <class F> const char* with_real(int code, const char* who, F&& fn) {
  sync_blas_threads();
  if (code == kFloat32) return fn((float)0), nullptr;
  if (code == kFloat64) return fn((double)0), nullptr;
  if (code == kFloat64 + 1) return fn(cf(0)), nullptr;
  if (code == kFloat64 + 2) return fn(cd(0)), nullptr;
  return who;
}

// aux: [dtype, mode]; tensors: A (batch, n, n) scratch; mode 0: det (batch); mode 1: sign, logabsdet (batch).
const char* exec_det() {
  TensorLaunch L;
  if (const char* err = parse_tensors(L)) return err;
  const int mode = (int)L.aux[1];
  const Tensor& A = L.t[0];
  const int64_t n = dim(A, 1), nb = batch_of(A, 2);
  return with_real((int)L.aux[0], "det: unsupported dtype", [&](auto z) {
    using T = decltype(z);
    using R = real_t<T>;
    std::vector<li> piv((size_t)std::max<int64_t>(n, 1));
    for (int64_t b = 0; b < nb; b++) {
      T* a = (T*)A.data + b * n * n;
      const li info = n > 0 ? getrf((li)n, (li)n, a, (li)n, piv.data()) : 0;
      // A singular factor (info > 0) has a zero on the diagonal: det 0, sign 0, logdet -inf.
      T sign = 1, det = 1;
      R logdet = 0;
      for (int64_t i = 0; i < n; i++) {
        const T d = a[i * n + i];
        if (piv[i] != i + 1) sign = -sign, det = -det;
        det *= d;
        const R ad = std::abs(d);
        // complex: the sign is the product of d / |d| (NumPy's slogdet)
        if constexpr (is_cplx<T>) sign *= d / ad;
        else if (d < 0) sign = -sign;
        logdet += std::log(ad);
      }
      if (info > 0) sign = 0, logdet = -INFINITY, det = 0;
      if (mode == 0) {
        ((T*)L.t[1].data)[b] = det;
      } else {
        ((T*)L.t[1].data)[b] = sign;
        ((R*)L.t[2].data)[b] = logdet;
      }
    }
  });
}

// Copies a C-contiguous tensor's data into another of the same size.
void copy_to(const Tensor& src, const Tensor& dst) {
  if (src.size() > 0) std::memcpy(dst.data, src.data, (size_t)(src.size() * src.itemsize));
}

// aux: [dtype]; tensors: A (batch, n, n) scratch, B (batch, n, k), X (batch, n, k) out, info (batch).
const char* exec_solve() {
  TensorLaunch L;
  if (const char* err = parse_tensors(L)) return err;
  const Tensor &A = L.t[0], &B = L.t[2];
  copy_to(L.t[1], B);
  const int64_t n = dim(A, 1), k = dim(B, 1), nb = batch_of(A, 2);
  int64_t* info = (int64_t*)L.t[3].data;
  return with_real((int)L.aux[0], "solve: unsupported dtype", [&](auto z) {
    using T = decltype(z);
    std::vector<li> piv((size_t)std::max<int64_t>(n, 1));
    for (int64_t b = 0; b < nb; b++) {
      info[b] = n > 0 && k > 0 ? gesv((li)n, (li)k, (T*)A.data + b * n * n, (li)n, piv.data(), (T*)B.data + b * n * k, (li)std::max<int64_t>(k, 1)) : 0;
    }
  });
}

// aux: [dtype, upper]; tensors: A (batch, n, n), F out (the factor, other triangle zeroed), info.
const char* exec_cholesky() {
  TensorLaunch L;
  if (const char* err = parse_tensors(L)) return err;
  const Tensor& A = L.t[1];
  copy_to(L.t[0], A);
  const bool upper = L.aux[1] != 0;
  const int64_t n = dim(A, 1), nb = batch_of(A, 2);
  int64_t* info = (int64_t*)L.t[2].data;
  return with_real((int)L.aux[0], "cholesky: unsupported dtype", [&](auto z) {
    using T = decltype(z);
    for (int64_t b = 0; b < nb; b++) {
      T* a = (T*)A.data + b * n * n;
      info[b] = n > 0 ? potrf(upper ? 'U' : 'L', (li)n, a, (li)n) : 0;
      for (int64_t i = 0; i < n; i++)
        for (int64_t j = 0; j < n; j++)
          if (upper ? j < i : j > i) a[i * n + j] = 0;
    }
  });
}

// aux: [dtype, mode 0 reduced / 1 complete / 2 r / 3 raw]; tensors: A (batch, m, n) scratch,
// tau (batch, k), then Q (batch, m, qc), R (batch, rr, n) (reduced/complete), R (r) or H (raw:
// the reflectors as geqrf leaves them, batch, m, n).
const char* exec_qr() {
  TensorLaunch L;
  if (const char* err = parse_tensors(L)) return err;
  const int mode = (int)L.aux[1];
  const Tensor &A = L.t[0], &Tau = L.t[1];
  const int64_t m = dim(A, 2), n = dim(A, 1), nb = batch_of(A, 2), k = std::min(m, n);
  return with_real((int)L.aux[0], "qr: unsupported dtype", [&](auto z) {
    using T = decltype(z);
    for (int64_t b = 0; b < nb; b++) {
      T* a = (T*)A.data + b * m * n;
      T* tau = (T*)Tau.data + b * k;
      if (k > 0) geqrf((li)m, (li)n, a, (li)std::max<int64_t>(n, 1), tau);
      if (mode == 3) continue;  // H copied below
      const Tensor& R = L.t[mode == 2 ? 2 : 3];
      const int64_t rr = dim(R, 2);
      T* r = (T*)R.data + b * rr * n;
      for (int64_t i = 0; i < rr; i++)
        for (int64_t j = 0; j < n; j++) r[i * n + j] = j >= i && i < m ? a[i * n + j] : T(0);
      if (mode == 2) continue;
      const Tensor& Q = L.t[2];
      const int64_t qc = dim(Q, 1);
      T* q = (T*)Q.data + b * m * qc;
      for (int64_t i = 0; i < m; i++)
        for (int64_t j = 0; j < qc; j++) q[i * qc + j] = j < n ? a[i * n + j] : T(0);
      if (m > 0 && qc > 0) orgqr((li)m, (li)qc, (li)k, q, (li)qc, tau);
    }
    if (mode == 3) copy_to(A, L.t[2]);
  });
}

// aux: [dtype, job 0 values only / 1 reduced / 2 full]; tensors: A (batch, m, n) scratch, S (batch, k),
// info (batch), then U (batch, m, uc) and VT (batch, vr, n) unless values only.
const char* exec_svd() {
  TensorLaunch L;
  if (const char* err = parse_tensors(L)) return err;
  const int job = (int)L.aux[1];
  const Tensor &A = L.t[0], &S = L.t[1];
  const int64_t m = dim(A, 2), n = dim(A, 1), nb = batch_of(A, 2), k = std::min(m, n);
  int64_t* info = (int64_t*)L.t[2].data;
  return with_real((int)L.aux[0], "svd: unsupported dtype", [&](auto z) {
    using T = decltype(z);
    const int64_t uc = job ? dim(L.t[3], 1) : 1, vr = job ? dim(L.t[4], 2) : 1;
    std::vector<T> du((size_t)(m + n + 1)), dv((size_t)(m + n + 1));
    for (int64_t b = 0; b < nb; b++) {
      T* u = job ? (T*)L.t[3].data + b * m * uc : du.data();
      T* vt = job ? (T*)L.t[4].data + b * vr * n : dv.data();
      if (k == 0) {
        // Empty: U and Vᵀ of a full SVD are identities.
        if (job) {
          for (int64_t i = 0; i < m; i++)
            for (int64_t j = 0; j < uc; j++) u[i * uc + j] = T(i == j ? 1 : 0);
          for (int64_t i = 0; i < vr; i++)
            for (int64_t j = 0; j < n; j++) vt[i * n + j] = T(i == j ? 1 : 0);
        }
        info[b] = 0;
        continue;
      }
      info[b] = gesdd(job == 0 ? 'N' : job == 1 ? 'S' : 'A', (li)m, (li)n, (T*)A.data + b * m * n, (li)n, (real_t<T>*)S.data + b * k,
                      u, (li)std::max<int64_t>(uc, 1), vt, (li)std::max<int64_t>(n, 1));
    }
  });
}

// aux: [dtype, vectors, upper]; tensors: A (batch, n, n) scratch, W (batch, n), info, then V
// (batch, n, n: eigenvectors as columns) when vectors.
const char* exec_eigh() {
  TensorLaunch L;
  if (const char* err = parse_tensors(L)) return err;
  const bool vec = L.aux[1] != 0, upper = L.aux[2] != 0;
  if (vec) copy_to(L.t[0], L.t[3]);
  const Tensor &A = vec ? L.t[3] : L.t[0], &W = L.t[1];
  const int64_t n = dim(A, 1), nb = batch_of(A, 2);
  int64_t* info = (int64_t*)L.t[2].data;
  return with_real((int)L.aux[0], "eigh: unsupported dtype", [&](auto z) {
    using T = decltype(z);
    for (int64_t b = 0; b < nb; b++) {
      info[b] = n > 0 ? syevd(vec ? 'V' : 'N', upper ? 'U' : 'L', (li)n, (T*)A.data + b * n * n, (li)n, (real_t<T>*)W.data + b * n) : 0;
    }
  });
}

// aux: [dtype, rcond]; tensors: A (m, n) scratch, B (max(m, n), k) zero-padded, X (max(m, n), k)
// out (the solution in its first n rows), S (min(m, n)), res (2: rank, info) int64.
const char* exec_lstsq() {
  TensorLaunch L;
  if (const char* err = parse_tensors(L)) return err;
  const Tensor &A = L.t[0], &B = L.t[2], &S = L.t[3];
  copy_to(L.t[1], B);
  const int64_t m = dim(A, 2), n = dim(A, 1), k = dim(B, 1);
  int64_t* res = (int64_t*)L.t[4].data;
  const double rcond = L.aux[1];
  return with_real((int)L.aux[0], "lstsq: unsupported dtype", [&](auto z) {
    using T = decltype(z);
    li rank = 0;
    res[1] = 0;
    if (m > 0 && n > 0 && k > 0) {
      res[1] = gelsd((li)m, (li)n, (li)k, (T*)A.data, (li)n, (T*)B.data, (li)k, (real_t<T>*)S.data, (real_t<T>)rcond, &rank);
    } else if (m > 0 && n > 0) {
      // No right-hand sides: still the singular values and rank (one zero column).
      std::vector<T> bb((size_t)std::max(m, n));
      res[1] = gelsd((li)m, (li)n, 1, (T*)A.data, (li)n, bb.data(), 1, (real_t<T>*)S.data, (real_t<T>)rcond, &rank);
    }
    res[0] = rank;
  });
}

// General eigenproblem (geev). aux: [dtype, vectors]; tensors: A (batch, n, n) scratch, W (batch, n)
// complex out, info (batch), then V (batch, n, n) complex out (eigenvectors as columns) when
// vectors. Real input: LAPACK's (wr, wi) pairs and paired columns become complex values/vectors.
li geev_real(char jv, li n, float* a, float* wr, float* wi, float* vr, li ldvr) {
  return LAPACKE_sgeev(RM, 'N', jv, n, a, n, wr, wi, nullptr, 1, vr, ldvr);
}
li geev_real(char jv, li n, double* a, double* wr, double* wi, double* vr, li ldvr) {
  return LAPACKE_dgeev(RM, 'N', jv, n, a, n, wr, wi, nullptr, 1, vr, ldvr);
}
li geev_cplx(char jv, li n, cf* a, cf* w, cf* vr, li ldvr) { return LAPACKE_cgeev(RM, 'N', jv, n, (lapack_complex_float*)a, n, (lapack_complex_float*)w, nullptr, 1, (lapack_complex_float*)vr, ldvr); }
li geev_cplx(char jv, li n, cd* a, cd* w, cd* vr, li ldvr) { return LAPACKE_zgeev(RM, 'N', jv, n, (lapack_complex_double*)a, n, (lapack_complex_double*)w, nullptr, 1, (lapack_complex_double*)vr, ldvr); }

const char* exec_eig() {
  TensorLaunch L;
  if (const char* err = parse_tensors(L)) return err;
  const bool vec = L.aux[1] != 0;
  const Tensor &A = L.t[0], &W = L.t[1];
  const int64_t n = dim(A, 1), nb = batch_of(A, 2);
  int64_t* info = (int64_t*)L.t[2].data;
  const char jv = vec ? 'V' : 'N';
  const li ldv = (li)std::max<int64_t>(n, 1);
  return with_real((int)L.aux[0], "eig: unsupported dtype", [&](auto z) {
    using T = decltype(z);
    using R = real_t<T>;
    using C = std::complex<R>;
    for (int64_t b = 0; b < nb; b++) {
      T* a = (T*)A.data + b * n * n;
      C* w = (C*)W.data + b * n;
      C* v = vec ? (C*)L.t[3].data + b * n * n : nullptr;
      if (n == 0) {
        info[b] = 0;
        continue;
      }
      if constexpr (is_cplx<T>) {
        C dummy;
        info[b] = geev_cplx(jv, (li)n, a, w, vec ? v : &dummy, vec ? ldv : 1);
      } else {
        std::vector<R> wr((size_t)n), wi((size_t)n), vr(vec ? (size_t)(n * n) : 1);
        info[b] = geev_real(jv, (li)n, a, wr.data(), wi.data(), vr.data(), vec ? ldv : 1);
        for (int64_t j = 0; j < n; j++) w[j] = C(wr[j], wi[j]);
        if (!vec) continue;
        for (int64_t j = 0; j < n; j++) {
          if (wi[j] != 0 && j + 1 < n) {
            // a conjugate pair: columns j (real part) and j + 1 (imaginary part)
            for (int64_t i = 0; i < n; i++) {
              const R re = vr[i * n + j], im = vr[i * n + j + 1];
              v[i * n + j] = C(re, im);
              v[i * n + j + 1] = C(re, -im);
            }
            j++;
          } else {
            for (int64_t i = 0; i < n; i++) v[i * n + j] = C(vr[i * n + j], 0);
          }
        }
      }
    }
  });
}

RegisterCommand reg_eig("linalg_eig", exec_eig);
RegisterCommand reg_det("linalg_det", exec_det);
RegisterCommand reg_solve("linalg_solve", exec_solve);
RegisterCommand reg_cholesky("linalg_cholesky", exec_cholesky);
RegisterCommand reg_qr("linalg_qr", exec_qr);
RegisterCommand reg_svd("linalg_svd", exec_svd);
RegisterCommand reg_eigh("linalg_eigh", exec_eigh);
RegisterCommand reg_lstsq("linalg_lstsq", exec_lstsq);

}  // namespace
}  // namespace qk
