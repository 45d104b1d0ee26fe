// complex64 / complex128 storage and compute types (re, im interleaved, as NumPy's npy_cfloat /
// npy_cdouble) with the arithmetic and comparisons NumPy's loops use (umath loops.c.src), so that
// inf/nan cases agree: naive multiplication, Smith's division, lexicographic comparisons with
// NumPy's NaN rule. The functions (qkc_*) are in complex_math.h, which only the generated kernels
// of ops with complex loops include (src/backends/cpu/codegen.ts).
#pragma once
#include <cstdint>
#include <type_traits>

namespace qk {

template <class T> struct cplx {
  T re, im;
  cplx() = default;
  constexpr cplx(T r, T i = T(0)) : re(r), im(i) {}
  friend cplx operator+(cplx a, cplx b) { return {a.re + b.re, a.im + b.im}; }
  friend cplx operator-(cplx a, cplx b) { return {a.re - b.re, a.im - b.im}; }
  friend cplx operator-(cplx a) { return {-a.re, -a.im}; }
  friend cplx operator*(cplx a, cplx b) { return {a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re}; }
  // NumPy's complex divide (Smith's method; x/0 gives inf or nan parts like the real division)
  friend cplx operator/(cplx a, cplx b) {
    const T br = __builtin_fabs(b.re), bi = __builtin_fabs(b.im);  // (|-0| is +0: a/0 gets NumPy's signs)
    if (br >= bi) {
      if (br == 0 && bi == 0) return {a.re / br, a.im / br};
      const T rat = b.im / b.re, scl = T(1) / (b.re + b.im * rat);
      return {(a.re + a.im * rat) * scl, (a.im - a.re * rat) * scl};
    }
    const T rat = b.re / b.im, scl = T(1) / (b.im + b.re * rat);
    return {(a.re * rat + a.im) * scl, (a.im * rat - a.re) * scl};
  }
  cplx& operator+=(cplx b) { re += b.re; im += b.im; return *this; }
  cplx& operator*=(cplx b) { *this = *this * b; return *this; }
  friend bool operator==(cplx a, cplx b) { return a.re == b.re && a.im == b.im; }
  friend bool operator!=(cplx a, cplx b) { return a.re != b.re || a.im != b.im; }
  // NumPy's CLT/CLE/CGT/CGE: lexicographic; a NaN imaginary part only matters when the reals tie
  friend bool operator<(cplx a, cplx b) { return (a.re < b.re && a.im == a.im && b.im == b.im) || (a.re == b.re && a.im < b.im); }
  friend bool operator<=(cplx a, cplx b) { return (a.re < b.re && a.im == a.im && b.im == b.im) || (a.re == b.re && a.im <= b.im); }
  friend bool operator>(cplx a, cplx b) { return (a.re > b.re && a.im == a.im && b.im == b.im) || (a.re == b.re && a.im > b.im); }
  friend bool operator>=(cplx a, cplx b) { return (a.re > b.re && a.im == a.im && b.im == b.im) || (a.re == b.re && a.im >= b.im); }
};
using c64 = cplx<float>;
using c128 = cplx<double>;

template <class T> struct IsComplex : std::false_type {};
template <class T> struct IsComplex<cplx<T>> : std::true_type {};
template <class T> constexpr bool is_complex_v = IsComplex<T>::value;

}  // namespace qk
