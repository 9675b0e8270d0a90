// Command gotruth reports what the real Go runtime does when it allocates, as JSON on stdout, so the
// vitest suite in test/go-truth can compare the simulator (packages/core) with it.
//
// Usage: gotruth <command> < request.json
//
//	version   {}                                    → {"goVersion", "goos", "goarch"}
//	heapbase  {}                                    → the address of main's first new([64]byte), its
//	                                                  64 MiB arena base, and HeapInuse/HeapSys/HeapReleased
//	                                                  right after it (Go 1.26+ randomizes the heap base)
//	roundup   {"sizes":[n...],"scanSizes":[n...]}   → roundupsize(n) seen through append's capacity
//	spans     {"cases":[{"size","noscan","count"}]} → per case: addresses of count consecutive allocations
//	                                                  and HeapInuse after each one
//	tiny      {"sequences":[[{"size","noscan"}]]}   → addresses of each allocation, after a fresh GC
//	memstats  {"ops":[{"size","noscan"}]}           → runtime.MemStats before and after running ops
//	gccycle   {"ops":[{"size","noscan","keep","link"}]} → MemStats around: run ops (object i's first
//	                                                  word points at object link), keep some, runtime.GC()
//	memlimit  {"limit","size","count","live","every"} → GOGC=off and debug.SetMemoryLimit(limit): keep
//	                                                  live objects of size bytes, then allocate count more
//	                                                  and drop each; MemStats samples (see memlimit.go)
//
// Run it with GOGC=off and GOMAXPROCS=1 (the tests do): no collection can run unless the program asks
// for one, and every allocation goes through the one P's mcache.
//
// Allocation: a pointer-free ("noscan") object of n bytes is make([]byte, n); a pointerful ("scan")
// object of n bytes (n a multiple of 8) is make([]*byte, n/8). Both reach mallocgc with exactly n
// bytes and the element type, which is what decides tiny/small/large and scan/noscan.
// The program uses only the standard library and no runtime internals.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"time"
	"unsafe"
)

type op struct {
	Size   int  `json:"size"`
	Noscan bool `json:"noscan"`
	// gccycle only: keep the object referenced after the loop; store in its first word a
	// pointer to the object allocated by op Link (when Link >= 0 and this object has pointers).
	Keep bool `json:"keep"`
	Link int  `json:"link"`
}

type spanCase struct {
	Size   int  `json:"size"`
	Noscan bool `json:"noscan"`
	Count  int  `json:"count"`
}

type request struct {
	Sizes     []int      `json:"sizes"`
	ScanSizes []int      `json:"scanSizes"`
	Cases     []spanCase `json:"cases"`
	Sequences [][]op     `json:"sequences"`
	Ops       []op       `json:"ops"`
	// memlimit only (memlimit.go).
	Limit int64 `json:"limit"`
	Size  int   `json:"size"`
	Count int   `json:"count"`
	Live  int   `json:"live"`
	Every int   `json:"every"`
}

// heapProbe is main's first heap object (heapbase).
var heapProbe *[64]byte

// keep holds every object the measured code allocates, so none of them is garbage while we look.
var keep []unsafe.Pointer

// dataPtr returns a slice's data pointer (the first word of the slice header).
func dataPtr[T any](s []T) unsafe.Pointer {
	return *(*unsafe.Pointer)(unsafe.Pointer(&s))
}

//go:noinline
func alloc(size int, noscan bool) unsafe.Pointer {
	if noscan {
		return dataPtr(make([]byte, size))
	}
	return dataPtr(make([]*byte, size/8))
}

type memStats struct {
	Mallocs     uint64      `json:"mallocs"`
	Frees       uint64      `json:"frees"`
	HeapAlloc   uint64      `json:"heapAlloc"`
	TotalAlloc  uint64      `json:"totalAlloc"`
	HeapObjects uint64      `json:"heapObjects"`
	HeapInuse   uint64      `json:"heapInuse"`
	HeapSys     uint64      `json:"heapSys"`
	NumGC       uint32      `json:"numGC"`
	BySize      [][3]uint64 `json:"bySize"` // [size, mallocs, frees] for the 61 entries Go reports
}

func convert(m *runtime.MemStats) memStats {
	out := memStats{
		Mallocs: m.Mallocs, Frees: m.Frees, HeapAlloc: m.HeapAlloc, TotalAlloc: m.TotalAlloc,
		HeapObjects: m.HeapObjects, HeapInuse: m.HeapInuse, HeapSys: m.HeapSys, NumGC: m.NumGC,
	}
	for _, c := range m.BySize {
		out.BySize = append(out.BySize, [3]uint64{uint64(c.Size), c.Mallocs, c.Frees})
	}
	return out
}

func checkOp(o op) {
	if o.Size < 0 || (!o.Noscan && o.Size%8 != 0) {
		fail(fmt.Errorf("bad op %+v: size must be >= 0, and a multiple of 8 for a pointerful object", o))
	}
}

// readRequest decodes the request in its own frame, so the decoder and its buffers are garbage
// (not held by a stack slot of main) by the time a workload's first runtime.GC runs.
//
//go:noinline
func readRequest() *request {
	req := new(request)
	if err := json.NewDecoder(os.Stdin).Decode(req); err != nil {
		fail(fmt.Errorf("reading request: %w", err))
	}
	return req
}

// settle collects until the heap is quiet: sync.Pool victim caches emptied, finalizers and
// other background goroutines given a chance to run, everything they dropped swept.
func settle() {
	for i := 0; i < 4; i++ {
		runtime.GC()
		runtime.Gosched()
		time.Sleep(time.Millisecond)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gotruth:", err)
	os.Exit(2)
}

func main() {
	debug.SetGCPercent(-1)
	if len(os.Args) != 2 {
		fail(fmt.Errorf("usage: gotruth version|heapbase|roundup|spans|tiny|memstats|gccycle|memlimit < request.json"))
	}
	cmd := os.Args[1]
	var probeStats runtime.MemStats
	if cmd == "heapbase" {
		// As early as possible: one small pointer-free object, then the heap's size right after it.
		heapProbe = new([64]byte)
		runtime.ReadMemStats(&probeStats)
	}
	req := readRequest()
	var result any
	switch cmd {
	case "version":
		result = map[string]string{"goVersion": runtime.Version(), "goos": runtime.GOOS, "goarch": runtime.GOARCH}
	case "heapbase":
		p := uint64(uintptr(unsafe.Pointer(heapProbe)))
		const heapArenaBytes = 64 << 20
		result = map[string]uint64{
			"firstAddr":    p,
			"arenaBase":    p &^ (heapArenaBytes - 1),
			"heapInuse":    probeStats.HeapInuse,
			"heapSys":      probeStats.HeapSys,
			"heapReleased": probeStats.HeapReleased,
		}
	case "roundup":
		max := 0
		for _, n := range req.Sizes {
			if n > max {
				max = n
			}
		}
		src := make([]byte, max)
		caps := make([]int, len(req.Sizes))
		for i, n := range req.Sizes {
			if n <= 0 {
				fail(fmt.Errorf("roundup: size %d must be positive", n))
			}
			// Appending n bytes to a nil slice makes growslice ask for exactly n bytes and
			// round the capacity up with roundupsize.
			caps[i] = cap(append([]byte(nil), src[:n]...))
		}
		// The same for pointerful memory: n/8 pointers (n a multiple of 8); capacity in bytes.
		maxScan := 0
		for _, n := range req.ScanSizes {
			if n <= 0 || n%8 != 0 {
				fail(fmt.Errorf("roundup: scan size %d must be a positive multiple of 8", n))
			}
			if n > maxScan {
				maxScan = n
			}
		}
		psrc := make([]*byte, maxScan/8)
		scanCaps := make([]int, len(req.ScanSizes))
		for i, n := range req.ScanSizes {
			scanCaps[i] = 8 * cap(append([]*byte(nil), psrc[:n/8]...))
		}
		result = map[string][]int{"caps": caps, "scanCaps": scanCaps}
	case "spans":
		type out struct {
			Size      int      `json:"size"`
			Noscan    bool     `json:"noscan"`
			Addrs     []uint64 `json:"addrs"`
			HeapInuse []uint64 `json:"heapInuse"`
		}
		outs := make([]out, len(req.Cases))
		total := 0
		for i, c := range req.Cases {
			checkOp(op{Size: c.Size, Noscan: c.Noscan})
			outs[i] = out{c.Size, c.Noscan, make([]uint64, c.Count), make([]uint64, c.Count)}
			total += c.Count
		}
		keep = make([]unsafe.Pointer, 0, total)
		// HeapInuse after every allocation reveals when the heap handed out a new span (it grows
		// by that span's npages × 8 KiB) even when spans sit back to back and their objects'
		// addresses run on without a gap. ReadMemStats flushes the mcache each time; the next
		// allocation takes the same span back from mcentral's partial list, because mcentral only
		// grows a new span when it has no partial one.
		var ms runtime.MemStats
		for i, c := range req.Cases {
			addrs, inuse := outs[i].Addrs, outs[i].HeapInuse
			for j := range addrs {
				p := alloc(c.Size, c.Noscan)
				keep = append(keep, p)
				runtime.ReadMemStats(&ms)
				addrs[j] = uint64(uintptr(p))
				inuse[j] = ms.HeapInuse
			}
		}
		result = map[string][]out{"cases": outs}
	case "tiny":
		outs := make([][]uint64, len(req.Sequences))
		total := 0
		for i, seq := range req.Sequences {
			for _, o := range seq {
				checkOp(o)
			}
			outs[i] = make([]uint64, len(seq))
			total += len(seq)
		}
		keep = make([]unsafe.Pointer, 0, total)
		for i, seq := range req.Sequences {
			// A GC releases the mcache's spans and drops its current tiny block, so each
			// sequence starts the way a fresh mcache would: with no tiny block.
			runtime.GC()
			addrs := outs[i]
			for j, o := range seq {
				p := alloc(o.Size, o.Noscan)
				keep = append(keep, p)
				addrs[j] = uint64(uintptr(p))
			}
		}
		result = map[string][][]uint64{"sequences": outs}
	case "memstats":
		for _, o := range req.Ops {
			checkOp(o)
		}
		keep = make([]unsafe.Pointer, len(req.Ops))
		var before, after runtime.MemStats
		runtime.GC()                  // finishes sweeping, so nothing is freed while the ops run
		runtime.ReadMemStats(&before) // flushes the mcache: no cached spans, no tiny block
		for i, o := range req.Ops {
			keep[i] = alloc(o.Size, o.Noscan)
		}
		runtime.ReadMemStats(&after)
		result = map[string]memStats{"before": convert(&before), "after": convert(&after)}
	case "gccycle":
		// One GC cycle over a workload: allocate every op (linking objects as asked), keep only
		// the objects marked keep, collect, and report MemStats around it.
		for _, o := range req.Ops {
			checkOp(o)
		}
		keep = make([]unsafe.Pointer, len(req.Ops))
		all := make([]unsafe.Pointer, len(req.Ops))
		var before, after runtime.MemStats
		settle()
		runtime.ReadMemStats(&before)
		for i, o := range req.Ops {
			p := alloc(o.Size, o.Noscan)
			all[i] = p
			if o.Link >= 0 && o.Link < i && !o.Noscan && o.Size >= 8 {
				*(*unsafe.Pointer)(p) = all[o.Link]
			}
			if o.Keep {
				keep[i] = p
			}
		}
		for i := range all {
			all[i] = nil
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		result = map[string]memStats{"before": convert(&before), "after": convert(&after)}
		runtime.KeepAlive(all)
		runtime.KeepAlive(req) // the request (and its ops array) must not die during the workload
	case "memlimit":
		result = memLimit(req)
	default:
		fail(fmt.Errorf("unknown command %q", cmd))
	}
	enc := json.NewEncoder(os.Stdout)
	if err := enc.Encode(result); err != nil {
		fail(err)
	}
	runtime.KeepAlive(keep)
}
