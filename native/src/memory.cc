#include "memory.h"

#include <sys/mman.h>

#include <cstdlib>
#include <map>
#include <mutex>
#include <vector>

namespace qk {

namespace {
constexpr size_t kAlign = 64;
constexpr size_t kCacheMin = 64 * 1024;         // smaller blocks come from malloc's own bins
constexpr size_t kCacheLimit = 1024ull << 20;   // at most 1 GiB held in the cache
// Blocks of 4 MiB and more are 2 MiB-aligned and asked to be backed by transparent huge pages (as
// NumPy does): streaming kernels over large arrays then miss the TLB 512x less often (add of 10M
// float32 with out=: 6.5 -> ~4 ms here).
constexpr size_t kHugeMin = 4ull << 20;
constexpr size_t kHugePage = 2ull << 20;

struct Slot {
  char* ptr = nullptr;
  size_t size = 0;      // requested bytes
  size_t capacity = 0;  // allocated bytes (rounded)
};

std::mutex g_mu;
std::vector<Slot> g_slots{Slot{}};  // handle 0 is never valid
std::vector<int64_t> g_free_handles;
// Cached blocks by capacity, each with the time it was freed; g_age orders them oldest first, so a
// full cache makes room for a newly freed block by dropping the blocks unused the longest (without
// eviction, a long process that once cached 1 GiB of large blocks stopped caching any new size).
struct Cached {
  char* ptr;
  uint64_t age;
};
std::multimap<size_t, Cached> g_cache;  // capacity -> block
std::map<uint64_t, std::multimap<size_t, Cached>::iterator> g_age;
uint64_t g_clock = 0;
size_t g_cached = 0;

void evict_oldest() {
  auto a = g_age.begin();
  auto it = a->second;
  std::free(it->second.ptr);
  g_cached -= it->first;
  g_cache.erase(it);
  g_age.erase(a);
}
int64_t g_live = 0, g_live_bytes = 0;

// Large sizes round up to 1/8 of their power of two, so a freed block serves similar requests.
size_t round_capacity(size_t n) {
  if (n < kCacheMin) return (n + kAlign - 1) / kAlign * kAlign;
  size_t p = 1;
  while (p < n) p <<= 1;
  size_t step = p / 8;
  if (step < kHugePage && n >= kHugeMin) step = kHugePage;
  return (n + step - 1) / step * step;
}
}  // namespace

int64_t buffer_alloc(size_t nbytes) {
  size_t cap = round_capacity(nbytes == 0 ? kAlign : nbytes);
  std::lock_guard<std::mutex> lock(g_mu);
  char* p = nullptr;
  if (cap >= kCacheMin) {
    auto it = g_cache.find(cap);
    if (it != g_cache.end()) {
      p = it->second.ptr;
      g_age.erase(it->second.age);
      g_cache.erase(it);
      g_cached -= cap;
    }
  }
  if (!p) {
    const size_t align = cap >= kHugeMin ? kHugePage : kAlign;
    p = static_cast<char*>(std::aligned_alloc(align, cap));
    if (!p && !g_cache.empty()) {  // give the cache back and try once more
      while (!g_age.empty()) evict_oldest();
      p = static_cast<char*>(std::aligned_alloc(align, cap));
    }
    if (!p) return -1;
    if (cap >= kHugeMin) madvise(p, cap, MADV_HUGEPAGE);  // advisory: failure changes nothing
  }
  int64_t h;
  if (!g_free_handles.empty()) {
    h = g_free_handles.back();
    g_free_handles.pop_back();
  } else {
    h = (int64_t)g_slots.size();
    g_slots.push_back(Slot{});
  }
  g_slots[h] = Slot{p, nbytes, cap};
  g_live++;
  g_live_bytes += (int64_t)nbytes;
  return h;
}

void buffer_free(int64_t h) {
  std::lock_guard<std::mutex> lock(g_mu);
  if (h <= 0 || h >= (int64_t)g_slots.size() || !g_slots[h].ptr) return;
  Slot s = g_slots[h];
  g_slots[h] = Slot{};
  g_free_handles.push_back(h);
  g_live--;
  g_live_bytes -= (int64_t)s.size;
  if (s.capacity >= kCacheMin && s.capacity <= kCacheLimit) {
    while (g_cached + s.capacity > kCacheLimit) evict_oldest();
    const uint64_t age = g_clock++;
    g_age.emplace(age, g_cache.emplace(s.capacity, Cached{s.ptr, age}));
    g_cached += s.capacity;
  } else {
    std::free(s.ptr);
  }
}

char* buffer_ptr(int64_t h) {
  if (h <= 0 || h >= (int64_t)g_slots.size()) return nullptr;
  return g_slots[h].ptr;
}

size_t buffer_size(int64_t h) {
  if (h <= 0 || h >= (int64_t)g_slots.size()) return 0;
  return g_slots[h].size;
}

MemoryStats memory_stats() {
  std::lock_guard<std::mutex> lock(g_mu);
  return MemoryStats{g_live, g_live_bytes, (int64_t)g_cached};
}

void memory_trim() {
  std::lock_guard<std::mutex> lock(g_mu);
  while (!g_age.empty()) evict_oldest();
}

}  // namespace qk
