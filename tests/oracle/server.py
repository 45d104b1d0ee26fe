#!/usr/bin/env python3
"""NumPy oracle for quark's conformance tests: one long-lived process, driven by tests/oracle/oracle.ts.

Framing (both directions): a frame is a u32 little-endian length N followed by N payload bytes.
A payload is a u32 little-endian length J, J bytes of UTF-8 JSON, then binary blobs back to back;
the JSON's "b" lists the blob lengths in order.

Request JSON:  {"q": [{"e": "<python expression or statements>", "a": {name: value}}, ...], "b": [...]}
Response JSON: {"r": [value, ...], "b": [...]}          one entry per request, in order
               {"fatal": "<message>"}                   the frame itself was unreadable

Values (arguments and results):
  null, true/false, strings, finite numbers (an integral JSON number is a Python int, else a float),
  JSON lists (Python lists; tuples come back as lists too),
  {"$a": i, "s": 0|1}  an array as .npy bytes in blob i ("s": 1 when the result was a NumPy scalar,
                       sent as a 0-d array); descr 'bfloat16' means ml_dtypes.bfloat16
  {"$y": i}            bytes in blob i
  {"$i": "<digits>"}   a Python int (used where it does not fit a JS safe integer)
  {"$f": "<repr>"}     a Python float ("nan", "inf", "-inf", "-0.0", or forced float from JS)
  {"$t": [...]}        a tuple (arguments only)
  {"$e": "<exception class>", "m": "<message>"}  (results only) the evaluation raised

An expression is evaluated with `np`, `math`, `io`, `warnings` (and `ml_dtypes`, `bfloat16` when
installed) plus the named arguments in scope. Code that is not an expression is executed as
statements and must assign `result`. Warnings are ignored. Anything the code prints goes to stderr.
"""

import builtins
import io
import json
import math
import struct
import sys
import warnings

import numpy as np

try:  # optional: bfloat16 support
    import ml_dtypes  # type: ignore

    BF16 = np.dtype(ml_dtypes.bfloat16)
except Exception:  # pragma: no cover - depends on the machine
    ml_dtypes = None
    BF16 = None

warnings.simplefilter("ignore")

OUT = sys.stdout.buffer
IN = sys.stdin.buffer
sys.stdout = sys.stderr  # stray prints must never corrupt the framing

BASE_NS = {"np": np, "math": math, "io": io, "warnings": warnings, "__builtins__": builtins}
if ml_dtypes is not None:
    BASE_NS["ml_dtypes"] = ml_dtypes
    BASE_NS["bfloat16"] = ml_dtypes.bfloat16

SAFE = 2**53 - 1
SUPPORTED_CHARS = set("?bBhHiIlLqQefdFD")
MAGIC = b"\x93NUMPY"


class OracleUnsupported(Exception):
    pass


# ---- .npy, the quick way (both ends are known; quark's codec is tested against numpy.lib.format) ----

_header_cache = {}


def npy_to_array(buf):
    mv = memoryview(buf)
    if bytes(mv[:6]) != MAGIC:
        raise ValueError("oracle: argument is not .npy data")
    major = mv[6]
    if major == 1:
        (hlen,) = struct.unpack_from("<H", mv, 8)
        start = 10
    else:
        (hlen,) = struct.unpack_from("<I", mv, 8)
        start = 12
    raw = bytes(mv[start:start + hlen])
    parsed = _header_cache.get(raw)
    if parsed is None:
        import ast

        d = ast.literal_eval(raw.decode("utf8" if major == 3 else "latin1"))
        descr = d["descr"]
        if descr in ("bfloat16", "<bfloat16"):
            if BF16 is None:
                raise OracleUnsupported("bfloat16 arguments need the ml_dtypes package (pip install ml_dtypes)")
            dt = BF16
        else:
            dt = np.dtype(descr)
        parsed = (dt, tuple(d["shape"]), bool(d["fortran_order"]))
        if len(_header_cache) > 10000:
            _header_cache.clear()
        _header_cache[raw] = parsed
    dt, shape, fortran = parsed
    count = 1
    for s in shape:
        count *= s
    a = np.frombuffer(mv, dtype=dt, count=count, offset=start + hlen)
    return a.reshape(shape, order="F" if fortran else "C").copy(order="K")


def array_to_npy(a):
    dt = a.dtype
    if BF16 is not None and dt == BF16:
        descr = "bfloat16"
    elif dt.char in SUPPORTED_CHARS:
        descr = dt.str
    else:
        raise OracleUnsupported(f"quark cannot represent a result of dtype {dt} (shape {a.shape})")
    if not a.flags.c_contiguous:
        a = a.copy(order="C")
    shape = a.shape
    shp = "()" if not shape else "(%d,)" % shape[0] if len(shape) == 1 else "(" + ", ".join(map(str, shape)) + ")"
    header = "{'descr': '%s', 'fortran_order': False, 'shape': %s, }" % (descr, shp)
    hlen = len(header) + 1
    hlen += 64 - (10 + hlen) % 64
    if hlen <= 0xFFFF:
        prefix = MAGIC + b"\x01\x00" + struct.pack("<H", hlen)
    else:
        hlen = len(header) + 1
        hlen += 64 - (12 + hlen) % 64
        prefix = MAGIC + b"\x02\x00" + struct.pack("<I", hlen)
    return prefix + header.encode("latin1").ljust(hlen - 1) + b"\n" + a.tobytes()


# ---- values ----

def decode_arg(v, blobs):
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    if isinstance(v, list):
        return [decode_arg(x, blobs) for x in v]
    if isinstance(v, dict):
        if "$a" in v:
            return npy_to_array(blobs[v["$a"]])
        if "$y" in v:
            return bytes(blobs[v["$y"]])
        if "$i" in v:
            return int(v["$i"])
        if "$f" in v:
            return float(v["$f"])
        if "$t" in v:
            return tuple(decode_arg(x, blobs) for x in v["$t"])
    raise ValueError(f"oracle: cannot decode argument {v!r}")


def float_value(f):
    if f != f:
        return {"$f": "nan"}
    if f in (math.inf, -math.inf):
        return {"$f": "inf" if f > 0 else "-inf"}
    return f


def encode_result(v, blobs):
    if v is None or v is True or v is False:
        return v
    if isinstance(v, (str, np.str_)):
        return str(v)
    if isinstance(v, (bytes, np.bytes_)):
        blobs.append(bytes(v))
        return {"$y": len(blobs) - 1}
    if isinstance(v, np.generic):
        blobs.append(array_to_npy(np.asarray(v)))
        return {"$a": len(blobs) - 1, "s": 1}
    if isinstance(v, np.ndarray):
        blobs.append(array_to_npy(v))
        return {"$a": len(blobs) - 1, "s": 0}
    if isinstance(v, int):
        return v if -SAFE <= v <= SAFE else {"$i": str(v)}
    if isinstance(v, float):
        return float_value(v)
    if isinstance(v, complex):
        return {"$c": [float_value(v.real), float_value(v.imag)]}
    if isinstance(v, (list, tuple)):
        return [encode_result(x, blobs) for x in v]
    if isinstance(v, np.dtype):
        return "bfloat16" if (BF16 is not None and v == BF16) else v.name
    if isinstance(v, type) and issubclass(v, np.generic):
        return np.dtype(v).name
    if isinstance(v, (bytearray, memoryview)):
        blobs.append(bytes(v))
        return {"$y": len(blobs) - 1}
    raise OracleUnsupported(f"cannot return a value of Python type {type(v).__name__}: {v!r:.200}")


_code_cache = {}


def compile_expr(expr):
    c = _code_cache.get(expr)
    if c is None:
        try:
            c = (compile(expr, "<oracle>", "eval"), True)
        except SyntaxError:
            c = (compile(expr, "<oracle>", "exec"), False)
        if len(_code_cache) > 10000:
            _code_cache.clear()
        _code_cache[expr] = c
    return c


def run_one(req, blobs_in, blobs_out):
    mark = len(blobs_out)
    try:
        code, is_expr = compile_expr(req["e"])
        ns = dict(BASE_NS)
        args = req.get("a")
        if args:
            for k, v in args.items():
                ns[k] = decode_arg(v, blobs_in)
        if is_expr:
            value = eval(code, ns)
        else:
            exec(code, ns)
            if "result" not in ns:
                raise NameError("oracle: statements must assign `result`")
            value = ns["result"]
        return encode_result(value, blobs_out)
    except BaseException as e:  # noqa: BLE001 - every failure is reported to the caller
        if isinstance(e, KeyboardInterrupt):
            raise
        del blobs_out[mark:]
        return {"$e": type(e).__name__, "m": str(e)}


def read_exact(n):
    data = IN.read(n)
    if data is None or len(data) < n:
        return None
    return data


def write_frame(obj, blobs):
    obj["b"] = [len(b) for b in blobs]
    j = json.dumps(obj, separators=(",", ":"), allow_nan=False).encode("utf8")
    total = 4 + len(j) + sum(obj["b"])
    OUT.write(struct.pack("<II", total, len(j)))
    OUT.write(j)
    for b in blobs:
        OUT.write(b)
    OUT.flush()


def main():
    while True:
        head = read_exact(4)
        if head is None:
            return
        (n,) = struct.unpack("<I", head)
        payload = read_exact(n)
        if payload is None:
            return
        try:
            (jlen,) = struct.unpack_from("<I", payload, 0)
            msg = json.loads(payload[4:4 + jlen].decode("utf8"))
            blobs_in = []
            off = 4 + jlen
            mv = memoryview(payload)
            for ln in msg.get("b", []):
                blobs_in.append(mv[off:off + ln])
                off += ln
            reqs = msg["q"]
        except Exception as e:  # noqa: BLE001
            write_frame({"fatal": f"{type(e).__name__}: {e}"}, [])
            continue
        blobs_out = []
        results = [run_one(r, blobs_in, blobs_out) for r in reqs]
        try:
            write_frame({"r": results}, blobs_out)
        except Exception as e:  # noqa: BLE001
            write_frame({"fatal": f"cannot encode response: {type(e).__name__}: {e}"}, [])


if __name__ == "__main__":
    try:
        main()
    except (KeyboardInterrupt, BrokenPipeError):
        pass
