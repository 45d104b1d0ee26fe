// Buffers by integer handle: 64-byte aligned host memory with a caching allocator for large sizes
// (first touch of fresh pages costs ~1.6 us per 4 KiB page here; reusing warm blocks avoids it).
#pragma once
#include <cstddef>
#include <cstdint>

namespace qk {

struct MemoryStats {
  int64_t live_buffers;
  int64_t live_bytes;
  int64_t cached_bytes;
};

int64_t buffer_alloc(size_t nbytes);  // returns a handle, or -1 when out of memory
void buffer_free(int64_t handle);      // releases to the cache or the system
char* buffer_ptr(int64_t handle);      // nullptr for an invalid handle
size_t buffer_size(int64_t handle);
MemoryStats memory_stats();
void memory_trim();                    // returns every cached block to the system

}  // namespace qk
