// mem.ts — the simulated operating system: address-space reservations and mappings.
//
// Mirrors Go's src/runtime/mem.go (the OS-independent memory-state machine) and mem_linux.go
// (what each transition costs on Linux). Go moves address space through four states:
//
//   None ──sysReserve──▶ Reserved ──sysMap──▶ Prepared ──sysUsed──▶ Ready
//                                               ▲                    │
//                                               └────sysUnused───────┘
//
//   sysReserve  mmap(PROT_NONE): address space only, nothing can be touched.
//   sysMap      mmap(MAP_FIXED, PROT_READ|PROT_WRITE) over a reservation: "Prepared". Go accounts
//               Prepared heap memory as *released* (HeapReleased), since no page is resident yet.
//   sysUsed     on Linux essentially free (huge-page advice only); marks memory "Ready".
//   sysUnused   madvise(MADV_DONTNEED): the scavenger hands pages back; they fall to Prepared.
//   sysFree     munmap.
//   sysAllocOS  a plain anonymous mmap the kernel places (metadata such as the arena L2 map).
//
// This class counts every call and byte so figures can show how rarely the allocator talks to
// the kernel, and keeps the reserved and mapped ranges so checkHeap can verify the heap's books.
//
// Simplifications:
// - Only heap-related calls are made: arena reservations, heap mappings, sysUsed/sysUnused of
//   span pages and the arena L2 map. The page allocator's own summary/chunk metadata mappings,
//   stacks, GC work buffers and fixalloc chunks are not issued as OS calls.
// - No address-space exhaustion except what the Runtime's heap cap imposes.

export interface AddrRange {
  base: number
  size: number
}

export class SysMem {
  reserveCalls = 0
  reserveBytes = 0
  mapCalls = 0
  mapBytes = 0
  usedCalls = 0
  usedBytes = 0
  unusedCalls = 0
  unusedBytes = 0
  freeCalls = 0
  freeBytes = 0
  allocOSCalls = 0
  allocOSBytes = 0

  /** Reserved (sysReserve'd) address ranges, sorted by base, merged when adjacent. */
  readonly reserved: AddrRange[] = []
  /** Mapped (Prepared or Ready) heap ranges, sorted by base, merged when adjacent. */
  readonly mapped: AddrRange[] = []
  /** Bytes currently Ready (sysUsed minus sysUnused), i.e. Go's gcController.mappedReady for the heap. */
  readyBytes = 0

  /** Reserve [addr, addr+n) exactly; returns addr, or 0 when it overlaps an existing reservation. */
  sysReserve(addr: number, n: number): number {
    this.reserveCalls++
    if (overlaps(this.reserved, addr, n)) return 0
    this.reserveBytes += n
    insertRange(this.reserved, addr, n)
    return addr
  }

  /** Reserved → Prepared. */
  sysMap(addr: number, n: number): void {
    if (!covers(this.reserved, addr, n))
      throw new Error(`sysMap of unreserved memory [${hex(addr)}, ${hex(addr + n)})`)
    this.mapCalls++
    this.mapBytes += n
    insertRange(this.mapped, addr, n)
  }

  /**
   * Reserved → Prepared for runtime metadata inside a heap reservation (the legacy layout's
   * bitmap and spans array): counted like sysMap, but not a heap range (not in `mapped`).
   */
  sysMapMeta(addr: number, n: number): void {
    if (!covers(this.reserved, addr, n))
      throw new Error(`sysMap of unreserved memory [${hex(addr)}, ${hex(addr + n)})`)
    this.mapCalls++
    this.mapBytes += n
  }

  /** Prepared → Ready for `scav` of the n bytes (Go passes the range and how much of it was released). */
  sysUsed(addr: number, n: number, scav: number): void {
    if (!covers(this.mapped, addr, n))
      throw new Error(`sysUsed of unmapped memory [${hex(addr)}, ${hex(addr + n)})`)
    this.usedCalls++
    this.usedBytes += scav
    this.readyBytes += scav
  }

  /** Ready → Prepared (madvise). */
  sysUnused(addr: number, n: number): void {
    if (!covers(this.mapped, addr, n))
      throw new Error(`sysUnused of unmapped memory [${hex(addr)}, ${hex(addr + n)})`)
    this.unusedCalls++
    this.unusedBytes += n
    this.readyBytes -= n
  }

  /** A kernel-placed anonymous mapping for runtime metadata (not heap, not in HeapSys). */
  sysAllocOS(n: number): void {
    this.allocOSCalls++
    this.allocOSBytes += n
  }

  /** Sum of mapped heap bytes (equals HeapSys while nothing is unmapped). */
  mappedBytes(): number {
    let n = 0
    for (const r of this.mapped) n += r.size
    return n
  }
}

function overlaps(list: AddrRange[], base: number, size: number): boolean {
  for (const r of list) if (base < r.base + r.size && r.base < base + size) return true
  return false
}

function covers(list: AddrRange[], base: number, size: number): boolean {
  for (const r of list) if (r.base <= base && base + size <= r.base + r.size) return true
  return false
}

function insertRange(list: AddrRange[], base: number, size: number): void {
  let i = 0
  while (i < list.length && list[i].base < base) i++
  list.splice(i, 0, { base, size })
  // merge neighbours
  for (let j = Math.max(0, i - 1); j + 1 < list.length;) {
    const a = list[j]
    const b = list[j + 1]
    if (a.base + a.size === b.base) {
      a.size += b.size
      list.splice(j + 1, 1)
    } else if (j >= i) break
    else j++
  }
}

export function hex(n: number): string {
  return '0x' + n.toString(16)
}
