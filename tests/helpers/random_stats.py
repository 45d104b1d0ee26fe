# Goodness-of-fit helpers for tests/random_*.test.ts, run inside the NumPy oracle (numpy + math only:
# scipy is not a project dependency). CDFs use the regularized incomplete gamma / beta functions
# (Numerical Recipes' series and Lentz continued fractions, vectorised); the KS p-value is
# Kolmogorov's asymptotic distribution with Stephens' small-sample correction.
import math

import numpy as np

_lgamma = np.vectorize(math.lgamma, otypes=[float])


def _gammainc(a, x):
    """Regularized lower incomplete gamma P(a, x), a > 0 scalar, x array >= 0."""
    x = np.asarray(x, dtype=float)
    out = np.zeros_like(x)
    pos = x > 0
    lead = np.zeros_like(x)
    lead[pos] = np.exp(-x[pos] + a * np.log(x[pos]) - math.lgamma(a))
    ser = pos & (x < a + 1)
    if ser.any():
        xs = x[ser]
        ap = np.full_like(xs, a)
        term = np.full_like(xs, 1.0 / a)
        total = term.copy()
        for _ in range(2000):
            ap += 1
            term *= xs / ap
            total += term
            if np.all(np.abs(term) < np.abs(total) * 1e-15):
                break
        out[ser] = total * lead[ser]
    cf = pos & ~ser
    if cf.any():
        xs = x[cf]
        tiny = 1e-300
        b = xs + 1 - a
        c = np.full_like(xs, 1 / tiny)
        d = 1 / b
        h = d.copy()
        for i in range(1, 2000):
            an = -i * (i - a)
            b = b + 2
            d = an * d + b
            d = np.where(np.abs(d) < tiny, tiny, d)
            c = b + an / c
            c = np.where(np.abs(c) < tiny, tiny, c)
            d = 1 / d
            delta = d * c
            h *= delta
            if np.all(np.abs(delta - 1) < 1e-15):
                break
        out[cf] = 1 - lead[cf] * h
    return out


def _betacf(a, b, x):
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1, a - 1
    c = np.ones_like(x)
    d = 1 - qab * x / qap
    d = np.where(np.abs(d) < tiny, tiny, d)
    d = 1 / d
    h = d.copy()
    for m in range(1, 3000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1 + aa * d
        d = np.where(np.abs(d) < tiny, tiny, d)
        c = 1 + aa / c
        c = np.where(np.abs(c) < tiny, tiny, c)
        d = 1 / d
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1 + aa * d
        d = np.where(np.abs(d) < tiny, tiny, d)
        c = 1 + aa / c
        c = np.where(np.abs(c) < tiny, tiny, c)
        d = 1 / d
        delta = d * c
        h *= delta
        if np.all(np.abs(delta - 1) < 1e-15):
            break
    return h


def _betainc(a, b, x):
    """Regularized incomplete beta I_x(a, b) for an array x in [0, 1]."""
    x = np.clip(np.asarray(x, dtype=float), 0, 1)
    out = np.where(x >= 1, 1.0, 0.0)
    inner = (x > 0) & (x < 1)
    xs = x[inner]
    lbt = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
    bt = np.exp(lbt + a * np.log(xs) + b * np.log1p(-xs))
    lower = xs < (a + 1) / (a + b + 2)
    res = np.empty_like(xs)
    if lower.any():
        res[lower] = bt[lower] * _betacf(a, b, xs[lower]) / a
    if (~lower).any():
        res[~lower] = 1 - bt[~lower] * _betacf(b, a, 1 - xs[~lower]) / b
    out[inner] = res
    return out


_erf = np.vectorize(math.erf, otypes=[float])


def _phi(z):
    return 0.5 * (1 + _erf(np.asarray(z) / math.sqrt(2)))


def cdf(name, x, p):
    x = np.asarray(x, dtype=float)
    if name == 'uniform':
        return np.clip((x - p[0]) / (p[1] - p[0]), 0, 1)
    if name == 'normal':
        return _phi((x - p[0]) / p[1])
    if name == 'exponential':
        return -np.expm1(-np.maximum(x, 0) / p[0])
    if name == 'gamma':
        return _gammainc(p[0], np.maximum(x, 0) / p[1])
    if name == 'beta':
        return _betainc(p[0], p[1], x)
    if name == 'chisquare':
        return _gammainc(p[0] / 2, np.maximum(x, 0) / 2)
    if name == 'f':
        d1, d2 = p
        x = np.maximum(x, 0)
        return _betainc(d1 / 2, d2 / 2, d1 * x / (d1 * x + d2))
    if name == 'gumbel':
        return np.exp(-np.exp(-(x - p[0]) / p[1]))
    if name == 'laplace':
        z = (x - p[0]) / p[1]
        return np.where(z < 0, 0.5 * np.exp(np.minimum(z, 0)), 1 - 0.5 * np.exp(-np.maximum(z, 0)))
    if name == 'logistic':
        return 1 / (1 + np.exp(-(x - p[0]) / p[1]))
    if name == 'lognormal':
        return np.where(x > 0, _phi((np.log(np.maximum(x, 1e-300)) - p[0]) / p[1]), 0.0)
    if name == 'pareto':
        return 1 - (1 + np.maximum(x, 0)) ** (-p[0])
    if name == 'power':
        return np.clip(x, 0, 1) ** p[0]
    if name == 'rayleigh':
        return -np.expm1(-(x ** 2) / (2 * p[0] ** 2))
    if name == 'weibull':
        return -np.expm1(-(np.maximum(x, 0) ** p[0]))
    if name == 'standard_cauchy':
        return 0.5 + np.arctan(x) / math.pi
    if name == 'standard_t':
        df = p[0]
        tail = 0.5 * _betainc(df / 2, 0.5, df / (df + x ** 2))
        return np.where(x < 0, tail, 1 - tail)
    if name == 'triangular':
        lo, mode, hi = p
        x = np.clip(x, lo, hi)
        return np.where(x <= mode, (x - lo) ** 2 / ((hi - lo) * (mode - lo)), 1 - (hi - x) ** 2 / ((hi - lo) * (hi - mode)))
    if name == 'wald':
        mu, lam = p
        x = np.maximum(x, 1e-300)
        r = np.sqrt(lam / x)
        return _phi(r * (x / mu - 1)) + np.exp(2 * lam / mu) * _phi(-r * (x / mu + 1))
    if name == 'vonmises':
        mu, kappa = p
        grid = np.linspace(-math.pi, math.pi, 200001)
        dens = np.exp(kappa * (np.cos(grid - mu) - 1))
        cum = np.concatenate([[0], np.cumsum((dens[1:] + dens[:-1]) / 2 * np.diff(grid))])
        return np.interp(x, grid, cum / cum[-1])
    if name == 'noncentral_chisquare':
        k, lam = p
        out = np.zeros_like(x)
        for j in range(int(lam / 2 + 12 * math.sqrt(lam / 2 + 1) + 30)):
            w = math.exp(-lam / 2 + j * math.log(lam / 2) - math.lgamma(j + 1)) if lam > 0 else float(j == 0)
            out += w * _gammainc(k / 2 + j, np.maximum(x, 0) / 2)
        return out
    if name == 'noncentral_f':
        d1, d2, lam = p
        x = np.maximum(x, 0)
        z = d1 * x / (d1 * x + d2)
        out = np.zeros_like(x)
        for j in range(int(lam / 2 + 12 * math.sqrt(lam / 2 + 1) + 30)):
            w = math.exp(-lam / 2 + j * math.log(lam / 2) - math.lgamma(j + 1))
            out += w * _betainc(d1 / 2 + j, d2 / 2, z)
        return out
    raise ValueError(name)


def kolmogorov_p(d, n):
    lam = (math.sqrt(n) + 0.12 + 0.11 / math.sqrt(n)) * d
    if lam < 0.2:
        return 1.0
    return max(0.0, min(1.0, 2 * sum((-1) ** (k - 1) * math.exp(-2 * k * k * lam * lam) for k in range(1, 101))))


def ks(x, name, p):
    """[D, p-value] of the one-sample Kolmogorov-Smirnov test of x against the named CDF."""
    x = np.sort(np.asarray(x, dtype=float))
    n = len(x)
    f = cdf(name, x, p)
    i = np.arange(1, n + 1)
    d = max(float(np.max(i / n - f)), float(np.max(f - (i - 1) / n)))
    return [d, kolmogorov_p(d, n)]


def chi2_p(stat, df):
    return float(1 - _gammainc(df / 2, np.array([stat / 2]))[0])


def pmf(name, k, p):
    k = np.asarray(k, dtype=float)
    if name == 'binomial':
        n, q = p
        lg = _lgamma(n + 1) - _lgamma(k + 1) - _lgamma(n - k + 1)
        return np.where((k >= 0) & (k <= n), np.exp(lg + k * math.log(q) + (n - k) * math.log1p(-q)), 0.0)
    if name == 'poisson':
        lam = p[0]
        return np.where(k >= 0, np.exp(k * math.log(lam) - lam - _lgamma(k + 1)), 0.0)
    if name == 'negative_binomial':
        n, q = p
        lg = _lgamma(k + n) - _lgamma(k + 1) - math.lgamma(n)
        return np.where(k >= 0, np.exp(lg + n * math.log(q) + k * math.log1p(-q)), 0.0)
    if name == 'logseries':
        q = p[0]
        return np.where(k >= 1, -(q ** k) / (np.maximum(k, 1) * math.log1p(-q)), 0.0)
    if name == 'zipf':
        a = p[0]
        big = 10 ** 6
        zeta = float(np.sum(np.arange(1, big + 1, dtype=float) ** -a)) + big ** (1 - a) / (a - 1)
        return np.where(k >= 1, np.maximum(k, 1) ** -a / zeta, 0.0)
    if name == 'hypergeometric':
        good, bad, n = p
        lc = lambda a, b: _lgamma(a + 1) - _lgamma(b + 1) - _lgamma(a - b + 1)
        ok = (k >= max(0, n - bad)) & (k <= min(n, good))
        kk = np.where(ok, k, max(0, n - bad))
        return np.where(ok, np.exp(lc(good, kk) + lc(bad, n - kk) - lc(good + bad, n)), 0.0)
    if name == 'geometric':
        return np.where(k >= 1, (1 - p[0]) ** (k - 1) * p[0], 0.0)
    raise ValueError(name)


def chi2_test(counts, probs):
    """[statistic, p-value] of Pearson's test; cells with expected < 5 are pooled (in order)."""
    counts = np.asarray(counts, dtype=float)
    probs = np.asarray(probs, dtype=float)
    n = counts.sum()
    exp = probs * n
    obs_cells, exp_cells = [], []
    o = e = 0.0
    for ci, ei in zip(counts, exp):
        o += ci
        e += ei
        if e >= 5:
            obs_cells.append(o)
            exp_cells.append(e)
            o = e = 0.0
    if e > 0 or o > 0:
        if exp_cells:
            obs_cells[-1] += o
            exp_cells[-1] += e
        else:
            obs_cells.append(o)
            exp_cells.append(e)
    oc, ec = np.array(obs_cells), np.array(exp_cells)
    stat = float(np.sum((oc - ec) ** 2 / ec))
    return [stat, chi2_p(stat, len(oc) - 1)]


def discrete_test(x, name, p):
    """Chi-square of integer samples x against the named pmf over 0..max(x) + tail mass."""
    x = np.asarray(x, dtype=np.int64)
    hi = int(x.max()) + 1
    counts = np.bincount(x, minlength=hi)
    probs = pmf(name, np.arange(hi), p)
    probs = np.append(probs, max(0.0, 1 - probs.sum()))
    counts = np.append(counts, 0)
    return chi2_test(counts, probs)
