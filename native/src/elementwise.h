// Elementwise loops: the inner-loop templates that the generated kernel files (native/gen/)
// instantiate once per (op, type signature). S* are storage types; the functor F (generated from
// the op's scalar expression) takes its operands in their compute types (float for the half
// types) and returns the result, or for two outputs stores both through convert<S>.
// Contiguous runs and broadcast scalars get their own loops so that the compiler vectorises them.
#pragma once
#include <cstdint>

#include "convert.h"
#include "scalar_math.h"

namespace qk {

using InnerLoop = void (*)(char** p, const int64_t* s, int64_t n);

template <class S> static inline compute_t<S> load(const char* p) { return convert<compute_t<S>>(*(const S*)p); }

template <class S0, class SO, class F>
static void loop1(char** p, const int64_t* s, int64_t n) {
  using C0 = compute_t<S0>;
  if (s[0] == (int64_t)sizeof(S0) && s[1] == (int64_t)sizeof(SO)) {
    const S0* a = (const S0*)p[0];
    SO* o = (SO*)p[1];
    for (int64_t i = 0; i < n; i++) o[i] = convert<SO>(F::f(convert<C0>(a[i])));
    return;
  }
  char *a = p[0], *o = p[1];
  for (int64_t i = 0; i < n; i++, a += s[0], o += s[1]) *(SO*)o = convert<SO>(F::f(load<S0>(a)));
}

template <class S0, class S1, class SO, class F>
static void loop2(char** p, const int64_t* s, int64_t n) {
  using C0 = compute_t<S0>;
  using C1 = compute_t<S1>;
  constexpr int64_t z0 = sizeof(S0), z1 = sizeof(S1), zo = sizeof(SO);
  if (s[2] == zo) {
    SO* o = (SO*)p[2];
    if (s[0] == z0 && s[1] == z1) {
      const S0* a = (const S0*)p[0];
      const S1* b = (const S1*)p[1];
      for (int64_t i = 0; i < n; i++) o[i] = convert<SO>(F::f(convert<C0>(a[i]), convert<C1>(b[i])));
      return;
    }
    if (s[0] == z0 && s[1] == 0) {  // array op scalar: the common broadcast case
      const S0* a = (const S0*)p[0];
      const C1 b = load<S1>(p[1]);
      for (int64_t i = 0; i < n; i++) o[i] = convert<SO>(F::f(convert<C0>(a[i]), b));
      return;
    }
    if (s[0] == 0 && s[1] == z1) {
      const C0 a = load<S0>(p[0]);
      const S1* b = (const S1*)p[1];
      for (int64_t i = 0; i < n; i++) o[i] = convert<SO>(F::f(a, convert<C1>(b[i])));
      return;
    }
  }
  char *a = p[0], *b = p[1], *o = p[2];
  for (int64_t i = 0; i < n; i++, a += s[0], b += s[1], o += s[2])
    *(SO*)o = convert<SO>(F::f(load<S0>(a), load<S1>(b)));
}

// Three inputs (np.clip, np.where, pick_grad): contiguous, contiguous with broadcast scalars, strided.
template <class S0, class S1, class S2, class SO, class F>
static void loop3(char** p, const int64_t* s, int64_t n) {
  using C0 = compute_t<S0>;
  using C1 = compute_t<S1>;
  using C2 = compute_t<S2>;
  if (s[0] == (int64_t)sizeof(S0) && s[3] == (int64_t)sizeof(SO)) {
    const S0* a = (const S0*)p[0];
    SO* o = (SO*)p[3];
    if (s[1] == (int64_t)sizeof(S1) && s[2] == (int64_t)sizeof(S2)) {
      const S1* b = (const S1*)p[1];
      const S2* c = (const S2*)p[2];
      for (int64_t i = 0; i < n; i++) o[i] = convert<SO>(F::f(convert<C0>(a[i]), convert<C1>(b[i]), convert<C2>(c[i])));
      return;
    }
    if (s[1] == 0 && s[2] == 0) {
      const C1 b = load<S1>(p[1]);
      const C2 c = load<S2>(p[2]);
      for (int64_t i = 0; i < n; i++) o[i] = convert<SO>(F::f(convert<C0>(a[i]), b, c));
      return;
    }
    // one broadcast scalar among arrays (autograd's pick_grad(g, x, 0) under every ReLU; where(m, x, 0))
    if (s[1] == (int64_t)sizeof(S1) && s[2] == 0) {
      const S1* b = (const S1*)p[1];
      const C2 c = load<S2>(p[2]);
      for (int64_t i = 0; i < n; i++) o[i] = convert<SO>(F::f(convert<C0>(a[i]), convert<C1>(b[i]), c));
      return;
    }
    if (s[1] == 0 && s[2] == (int64_t)sizeof(S2)) {
      const C1 b = load<S1>(p[1]);
      const S2* c = (const S2*)p[2];
      for (int64_t i = 0; i < n; i++) o[i] = convert<SO>(F::f(convert<C0>(a[i]), b, convert<C2>(c[i])));
      return;
    }
  }
  char *a = p[0], *b = p[1], *c = p[2], *o = p[3];
  for (int64_t i = 0; i < n; i++, a += s[0], b += s[1], c += s[2], o += s[3])
    *(SO*)o = convert<SO>(F::f(load<S0>(a), load<S1>(b), load<S2>(c)));
}

// Two outputs (np.modf, np.frexp, np.divmod): F::f(inputs..., SO0& o0, SO1& o1) stores both.
template <class S0, class SO0, class SO1, class F>
static void loop1x2(char** p, const int64_t* s, int64_t n) {
  char *a = p[0], *o0 = p[1], *o1 = p[2];
  for (int64_t i = 0; i < n; i++, a += s[0], o0 += s[1], o1 += s[2]) F::f(load<S0>(a), *(SO0*)o0, *(SO1*)o1);
}

template <class S0, class S1, class SO0, class SO1, class F>
static void loop2x2(char** p, const int64_t* s, int64_t n) {
  char *a = p[0], *b = p[1], *o0 = p[2], *o1 = p[3];
  for (int64_t i = 0; i < n; i++, a += s[0], b += s[1], o0 += s[2], o1 += s[3])
    F::f(load<S0>(a), load<S1>(b), *(SO0*)o0, *(SO1*)o1);
}

struct KernelEntry {
  const char* name;
  InnerLoop fn;
};

}  // namespace qk
