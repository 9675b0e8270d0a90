package main

import (
	"fmt"
	"math"
	"runtime"
	"runtime/debug"
	"unsafe"
)

// limitSample is what one ReadMemStats shows of the memory limit's inputs and the heap goal.
// Go's mappedReady (what the limit is about) is Sys − HeapReleased; its heapFree is
// HeapIdle − HeapReleased; NextGC is the heap goal computed in the same stop-the-world.
type limitSample struct {
	Sys          uint64 `json:"sys"`
	HeapReleased uint64 `json:"heapReleased"`
	HeapIdle     uint64 `json:"heapIdle"`
	HeapInuse    uint64 `json:"heapInuse"`
	HeapAlloc    uint64 `json:"heapAlloc"`
	NextGC       uint64 `json:"nextGC"`
	NumGC        uint32 `json:"numGC"`
}

func sample(m *runtime.MemStats) limitSample {
	return limitSample{m.Sys, m.HeapReleased, m.HeapIdle, m.HeapInuse, m.HeapAlloc, m.NextGC, m.NumGC}
}

var sink unsafe.Pointer

// memLimit runs the memory-limit workload: the GC is off (GOGC=off), so only the limit can start a
// collection. After the heap settles, debug.SetMemoryLimit(limit); `live` pointer-free objects of
// `size` bytes stay referenced; then `count` more are allocated, each dropped at once. Every
// `every` allocations a ReadMemStats sample is taken (0: none). Reports the limit before, the
// samples, MemStats before/after and the largest Sys − HeapReleased seen.
func memLimit(req *request) any {
	if req.Limit < 0 || req.Size <= 0 || req.Count < 0 || req.Live < 0 || req.Every < 0 {
		fail(fmt.Errorf("bad memlimit request %+v", *req))
	}
	settle()
	var before, after, m runtime.MemStats
	runtime.ReadMemStats(&before)
	prev := debug.SetMemoryLimit(req.Limit)
	live := make([]unsafe.Pointer, req.Live)
	for i := range live {
		live[i] = alloc(req.Size, true)
	}
	var samples []limitSample
	maxMapped := uint64(0)
	for i := 0; i < req.Count; i++ {
		sink = alloc(req.Size, true)
		if req.Every > 0 && (i+1)%req.Every == 0 {
			runtime.ReadMemStats(&m)
			samples = append(samples, sample(&m))
			if r := m.Sys - m.HeapReleased; r > maxMapped {
				maxMapped = r
			}
		}
	}
	sink = nil
	runtime.ReadMemStats(&after)
	debug.SetMemoryLimit(math.MaxInt64)
	runtime.KeepAlive(live)
	return map[string]any{
		"prevLimit": prev,
		"before":    sample(&before),
		"after":     sample(&after),
		"samples":   samples,
		"maxMapped": maxMapped,
	}
}
