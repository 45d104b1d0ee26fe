// The N-API surface of quark's native CPU backend, kept narrow and cheap to cross: buffers are
// integer handles; every kernel call goes through exec(), which reads its arguments from one
// shared Float64 block that JS fills in place (no per-call argument marshalling).
#define NAPI_VERSION 8
#include <node_api.h>

#include <cstdio>
#include <cstring>
#include <string>

#include <oneapi/dnnl/dnnl.h>

#include "command.h"
#include "iterate.h"
#include "launch.h"
#include "kernels.h"
#include "memory.h"
#include "reduce_driver.h"

namespace qk {
namespace {

const KernelEntry* g_kernels = nullptr;
int g_num_kernels = 0;
const char* g_isa = "baseline";

napi_value throw_error(napi_env env, const std::string& msg) {
  napi_throw_error(env, nullptr, msg.c_str());
  return nullptr;
}

napi_value number(napi_env env, double v) {
  napi_value r;
  napi_create_double(env, v, &r);
  return r;
}

bool get_args(napi_env env, napi_callback_info info, size_t want, napi_value* argv) {
  size_t argc = want;
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  return argc >= want;
}

double arg_double(napi_env env, napi_value v) {
  double d = 0;
  napi_get_value_double(env, v, &d);
  return d;
}

void choose_isa() {
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
      __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq")) {
    g_kernels = isa_avx512::kKernels;
    g_num_kernels = isa_avx512::kNumKernels;
    g_isa = "avx512";
  } else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
    g_kernels = isa_avx2::kKernels;
    g_num_kernels = isa_avx2::kNumKernels;
    g_isa = "avx2";
  } else {
    g_kernels = isa_baseline::kKernels;
    g_num_kernels = isa_baseline::kNumKernels;
  }
}

napi_value Init(napi_env env, napi_callback_info) {
  if (const char* dup = duplicate_command())
    return throw_error(env, std::string("native command '") + dup + "' is registered twice");
  napi_value out, ab, names, s;
  napi_create_object(env, &out);
  napi_create_external_arraybuffer(env, g_args, sizeof(g_args), nullptr, nullptr, &ab);
  napi_set_named_property(env, out, "args", ab);
  napi_create_array_with_length(env, g_num_kernels, &names);
  for (int i = 0; i < g_num_kernels; i++) {
    napi_create_string_utf8(env, g_kernels[i].name, NAPI_AUTO_LENGTH, &s);
    napi_set_element(env, names, i, s);
  }
  napi_set_named_property(env, out, "kernels", names);
  const auto& cmds = commands();
  napi_value cnames;
  napi_create_array_with_length(env, cmds.size(), &cnames);
  for (size_t i = 0; i < cmds.size(); i++) {
    napi_create_string_utf8(env, cmds[i].name, NAPI_AUTO_LENGTH, &s);
    napi_set_element(env, cnames, i, s);
  }
  napi_set_named_property(env, out, "commands", cnames);
  napi_set_named_property(env, out, "firstCommand", number(env, kFirstCommand));
  napi_create_string_utf8(env, g_isa, NAPI_AUTO_LENGTH, &s);
  napi_set_named_property(env, out, "isa", s);
  const dnnl_version_t* v = dnnl_version();
  char buf[64];
  std::snprintf(buf, sizeof buf, "%d.%d.%d", v->major, v->minor, v->patch);
  napi_create_string_utf8(env, buf, NAPI_AUTO_LENGTH, &s);
  napi_set_named_property(env, out, "onednn", s);
  napi_set_named_property(env, out, "argDoubles", number(env, kArgDoubles));
  napi_set_named_property(env, out, "scalarSlots", number(env, kScalarSlots));
  return out;
}

napi_value Alloc(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  if (!get_args(env, info, 1, argv)) return throw_error(env, "alloc: expected a byte count");
  double n = arg_double(env, argv[0]);
  if (!(n >= 0) || n > 9.0e15) return throw_error(env, "alloc: invalid byte count");
  int64_t h = buffer_alloc((size_t)n);
  if (h < 0) {
    return throw_error(env, "out of memory: could not allocate " + std::to_string((long long)n) + " bytes");
  }
  // No napi_adjust_external_memory here: most buffers are freed by dispose/np.scope within the task,
  // and reporting them made V8 run a full GC whenever two large temporaries were alive at once
  // (5 ms per 40 MB allocation). The JS side reports only buffers the GC must free (AdjustExternal).
  return number(env, (double)h);
}

napi_value Free(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (argc < 1) return throw_error(env, "free: expected a handle");
  int64_t h = (int64_t)arg_double(env, argv[0]);
  if (argc >= 2) {  // detach the JS view first, so no script can touch freed memory
    bool is_ab = false;
    napi_is_arraybuffer(env, argv[1], &is_ab);
    if (is_ab) napi_detach_arraybuffer(env, argv[1]);
  }
  if (buffer_ptr(h)) buffer_free(h);
  return nullptr;
}

// Tells V8 how many native bytes wait on its garbage collector (arrays watched by the
// FinalizationRegistry), so forgotten arrays holding large buffers get collected in time.
napi_value AdjustExternal(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  if (!get_args(env, info, 1, argv)) return throw_error(env, "adjustExternal: expected a byte count");
  int64_t adjusted;
  napi_adjust_external_memory(env, (int64_t)arg_double(env, argv[0]), &adjusted);
  return nullptr;
}

napi_value View(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  if (!get_args(env, info, 1, argv)) return throw_error(env, "view: expected a handle");
  int64_t h = (int64_t)arg_double(env, argv[0]);
  char* p = buffer_ptr(h);
  if (!p) return throw_error(env, "view: invalid buffer handle");
  napi_value ab;
  if (napi_create_external_arraybuffer(env, p, buffer_size(h), nullptr, nullptr, &ab) != napi_ok)
    return throw_error(env, "view: could not create an ArrayBuffer over native memory");
  return ab;
}

napi_value ExecElementwise(napi_env env) {
  Launch L;
  if (const char* err = parse_launch(L)) return throw_error(env, err);
  if (L.kernel < 0 || L.kernel >= g_num_kernels) return throw_error(env, "exec: unknown kernel");
  take_kernel_error();
  run_elementwise(g_kernels[L.kernel].fn, L.nargs, L.ndim, L.shape, L.strides, L.base);
  // A loop that hit an error NumPy raises (integers to negative powers) reports it here.
  if (int e = take_kernel_error()) return throw_error(env, kernel_error_message(e));
  return nullptr;
}

// Operand 0 is the output/accumulator (stride 0 on reduced axes), operand 1 the input; `extra`
// names the scalar slot holding the op's identity for per-thread partials (-1: the op has none
// and is idempotent, so partials start from the output's initial value).
napi_value ExecReduce(napi_env env) {
  Launch L;
  if (const char* err = parse_launch(L)) return throw_error(env, err);
  if (L.kernel < 0 || L.kernel >= g_num_kernels) return throw_error(env, "exec: unknown kernel");
  if (L.nargs != 2) return throw_error(env, "reduce: expected 2 operands");
  const char* identity = L.extra >= 0 && L.extra < kScalarSlots ? slot_ptr(L.extra) : nullptr;
  run_reduce(g_kernels[L.kernel].fn, L.ndim, L.shape, L.strides, L.base, L.itemsize[0], identity);
  return nullptr;
}

napi_value ExecCopy(napi_env env) {
  const double* A = g_args;
  int64_t src = (int64_t)A[1], so = (int64_t)A[2], dst = (int64_t)A[3], dof = (int64_t)A[4], n = (int64_t)A[5];
  char *ps = buffer_ptr(src), *pd = buffer_ptr(dst);
  if (!ps || !pd) return throw_error(env, "copy: invalid or freed buffer");
  if (n < 0 || so < 0 || dof < 0 || so + n > (int64_t)buffer_size(src) || dof + n > (int64_t)buffer_size(dst))
    return throw_error(env, "copy: byte range exceeds a buffer");
  std::memmove(pd + dof, ps + so, (size_t)n);
  return nullptr;
}

napi_value Exec(napi_env env, napi_callback_info) {
  const int cmd = (int)g_args[0];
  switch (cmd) {
    case 1: return ExecElementwise(env);
    case 2: return ExecCopy(env);
    case 3: return ExecReduce(env);
    default: break;
  }
  // Commands of opaque ops (sort, matmul, ...) register themselves by name; JS calls them by index.
  const auto& cmds = commands();
  if (cmd < kFirstCommand || cmd - kFirstCommand >= (int)cmds.size()) return throw_error(env, "exec: unknown command");
  if (const char* err = cmds[cmd - kFirstCommand].fn()) return throw_error(env, err);
  return nullptr;
}

napi_value SetThreads(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  if (!get_args(env, info, 1, argv)) return throw_error(env, "set_num_threads: expected a number");
  set_num_threads((int)arg_double(env, argv[0]));
  return nullptr;
}

napi_value GetThreads(napi_env env, napi_callback_info) { return number(env, num_threads()); }

napi_value Memory(napi_env env, napi_callback_info) {
  MemoryStats s = memory_stats();
  napi_value arr;
  napi_create_array_with_length(env, 3, &arr);
  napi_set_element(env, arr, 0, number(env, (double)s.live_buffers));
  napi_set_element(env, arr, 1, number(env, (double)s.live_bytes));
  napi_set_element(env, arr, 2, number(env, (double)s.cached_bytes));
  return arr;
}

napi_value Trim(napi_env, napi_callback_info) {
  memory_trim();
  return nullptr;
}

napi_value Register(napi_env env, napi_value exports) {
  choose_isa();
  struct { const char* name; napi_callback fn; } fns[] = {
      {"init", Init}, {"alloc", Alloc}, {"free", Free}, {"adjustExternal", AdjustExternal}, {"view", View}, {"exec", Exec},
      {"setThreads", SetThreads}, {"getThreads", GetThreads}, {"memory", Memory}, {"trim", Trim},
  };
  for (auto& f : fns) {
    napi_value v;
    napi_create_function(env, f.name, NAPI_AUTO_LENGTH, f.fn, nullptr, &v);
    napi_set_named_property(env, exports, f.name, v);
  }
  return exports;
}

}  // namespace
}  // namespace qk

NAPI_MODULE(NODE_GYP_MODULE_NAME, qk::Register)
