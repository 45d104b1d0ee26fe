#!/usr/bin/env python3
"""The NumPy side of the conformance report (scripts/conformance/run.mjs; method: docs/conformance-method.md).

stdin:  {"exprs": [[<oracle expression>, {<argument name>: <string argument>}], ...], "deprecated_checks": {"np.row_stack": "<python code>", ...}}
stdout: {"numpy": version,
         "api": [{"name": "np.linalg.norm", "module": "numpy.linalg", "kind": "function"}, ...],
         "not_counted": {"classes": [...], "constants": [...], "submodules": [...]},
         "attribution": [[names called by exprs[0]], ...],
         "deprecated": {"np.row_stack": "DeprecationWarning: ..." | null}}

The API is read from the installed NumPy, never typed by hand. In numpy, numpy.linalg, numpy.fft and
numpy.random a public name (no leading underscore) counts when its object is callable and is not a
class (dtypes, scalar types and classes such as np.finfo, np.vectorize, np.errstate,
np.random.Generator are classes) and not a module; ufuncs are counted (kind "ufunc"). ndarray's entries
are the public names of dir(numpy.ndarray): methods (kind "method") and properties (kind "attribute").

Attribution: each expression is parsed with `ast` and credited to every API name it references:
`np.<name>` / `np.linalg.<name>` / `np.fft.<name>` / `np.random.<name>` (called or not; `np.add.reduce`
credits add), and `<x>.<name>` for an ndarray public name on anything that is not a module
(np, math, io, warnings, ml_dtypes) or a NumPy class (np.dtype(...).itemsize is not ndarray.itemsize).
`getattr(np, op)` (any np.* object as the first argument) credits np.<op> when op is a string
literal or a string argument of the request. Python operators (a + b, a @ b, a[i]) are not credited: their operand types are unknown statically.
"""

import ast
import json
import sys
import types
import warnings

import numpy as np

SUBMODULES = {"numpy": np, "numpy.linalg": np.linalg, "numpy.fft": np.fft, "numpy.random": np.random}
PREFIX = {"numpy": "np.", "numpy.linalg": "np.linalg.", "numpy.fft": "np.fft.", "numpy.random": "np.random."}
MODULE_NAMES = {"np", "numpy", "math", "io", "warnings", "ml_dtypes", "builtins"}


def list_api():
    api = []
    not_counted = {"classes": [], "constants": [], "submodules": []}
    for mod_name, mod in SUBMODULES.items():
        for n in sorted(dir(mod)):
            if n.startswith("_"):
                continue
            o = getattr(mod, n)
            q = PREFIX[mod_name] + n
            if isinstance(o, types.ModuleType):
                not_counted["submodules"].append(q)
            elif isinstance(o, type):
                not_counted["classes"].append(q)
            elif callable(o):
                e = {"name": q, "module": mod_name, "kind": "ufunc" if isinstance(o, np.ufunc) else "function"}
                # An alias is the same object under its canonical __name__ (np.abs is np.absolute).
                canon = getattr(o, "__name__", n)
                if canon != n and getattr(mod, canon, None) is o:
                    e["alias_of"] = PREFIX[mod_name] + canon
                api.append(e)
            else:
                not_counted["constants"].append(q)
    for n in sorted(dir(np.ndarray)):
        if n.startswith("_"):
            continue
        kind = "method" if callable(getattr(np.ndarray, n)) else "attribute"
        api.append({"name": "ndarray." + n, "module": "numpy.ndarray", "kind": kind})
    return api, not_counted


def dotted(node):
    """['np', 'linalg', 'norm'] for np.linalg.norm; None when the chain does not start at a name."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return parts[::-1]
    return None


def make_attributor(api):
    by_module = {m: set() for m in SUBMODULES}
    ndarray_names = set()
    for e in api:
        short = e["name"].split(".")[-1]
        if e["module"] == "numpy.ndarray":
            ndarray_names.add(short)
        else:
            by_module[e["module"]].add(short)
    np_classes = {n for n in dir(np) if not n.startswith("_") and isinstance(getattr(np, n), type)}

    def np_name(parts):
        """The API name a dotted np.* chain refers to (longest known prefix), or None."""
        if len(parts) < 2 or parts[0] not in ("np", "numpy"):
            return None
        if len(parts) >= 3 and parts[1] in ("linalg", "fft", "random") and parts[2] in by_module["numpy." + parts[1]]:
            return f"np.{parts[1]}.{parts[2]}"
        if parts[1] in by_module["numpy"]:
            return "np." + parts[1]
        return None

    def is_opaque_base(node):
        """A module (or a plain attribute chain from one), or a new instance of a NumPy class other than
        ndarray: its attributes are not ndarray's."""
        parts = dotted(node)
        if parts is not None:
            return parts[0] in MODULE_NAMES
        if isinstance(node, ast.Call):
            p = dotted(node.func)
            return bool(p) and p[0] in ("np", "numpy") and len(p) == 2 and p[1] in np_classes and p[1] != "ndarray"
        return False

    def attribute(expr, strings):
        try:
            tree = ast.parse(expr, mode="eval")
        except SyntaxError:
            try:
                tree = ast.parse(expr, mode="exec")
            except SyntaxError:
                return []
        found = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "getattr" and len(node.args) >= 2:
                base, key = dotted(node.args[0]), node.args[1]
                name = key.value if isinstance(key, ast.Constant) else strings.get(key.id) if isinstance(key, ast.Name) else None
                if base and base[0] in ("np", "numpy") and isinstance(name, str):
                    sub = base[1] if len(base) == 2 and base[1] in ("linalg", "fft", "random") else None
                    n = np_name(["np", sub, name] if sub else ["np", name])
                    if n is not None:
                        found.add(n)
                continue
            if not isinstance(node, ast.Attribute):
                continue
            parts = dotted(node)
            if parts is not None and parts[0] in ("np", "numpy"):
                n = np_name(parts)
                if n is not None:
                    found.add(n)
                continue
            if node.attr in ndarray_names and not is_opaque_base(node.value):
                found.add("ndarray." + node.attr)
        return sorted(found)

    return attribute


def check_deprecated(code):
    """The warning NumPy gives when `code` runs, if it is a (Pending)DeprecationWarning; else None."""
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        try:
            exec(code, {"np": np})
        except Exception as e:  # noqa: BLE001
            return None if not isinstance(e, DeprecationWarning) else f"{type(e).__name__}: {e}"
        for x in w:
            if issubclass(x.category, (DeprecationWarning, PendingDeprecationWarning)):
                return f"{x.category.__name__}: {x.message}"
    return None


def main():
    req = json.load(sys.stdin)
    api, not_counted = list_api()
    attribute = make_attributor(api)
    out_attr = []
    for e, strings in req.get("exprs", []):
        out_attr.append(attribute(e, strings))
    dep = {k: check_deprecated(v) for k, v in req.get("deprecated_checks", {}).items()}
    json.dump({"numpy": np.__version__, "api": api, "not_counted": not_counted, "attribution": out_attr, "deprecated": dep},
              sys.stdout, separators=(",", ":"))


if __name__ == "__main__":
    main()
