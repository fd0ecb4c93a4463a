// Allocation for the TypeScript side. The runtime is `minimal` (TLSF allocator, no automatic
// collection): nothing in the hot loops allocates, so nothing ever collects inside them.
export function alloc(bytes: usize): usize {
  // 16-byte alignment for v128 loads.
  return heap.alloc(bytes);
}
export function free(ptr: usize): void {
  if (ptr != 0) heap.free(ptr);
}
