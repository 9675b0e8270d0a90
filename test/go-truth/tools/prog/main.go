// A program with known allocations, for the tools page's parsers: run with GODEBUG=gctrace=1 it
// prints gctrace lines on stderr; on stdout it prints the allocs-by-size histogram (the page's
// snippet, verbatim) and then a heap profile in text form with every allocation recorded.
package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
)

type node struct {
	a    bool
	next *node
	b    bool
	val  int64
	c    bool
}

var keep []*node
var keepBytes [][]byte

//go:noinline
func allocNodes(n int) {
	for i := 0; i < n; i++ {
		keep = append(keep, &node{val: int64(i)})
	}
}

//go:noinline
func allocBuffers(n int) {
	for i := 0; i < n; i++ {
		keepBytes = append(keepBytes, make([]byte, 1000))
	}
}

func main() {
	runtime.MemProfileRate = 1
	// Garbage with a live set of ~4 MB, enough for a dozen collections.
	live := make([][]byte, 1024)
	for i := 0; i < 40000; i++ {
		live[i%len(live)] = make([]byte, 4096)
	}
	allocNodes(5000)
	allocBuffers(3000)
	printAllocs()
	fmt.Println("-- heap profile --")
	pprof.Lookup("heap").WriteTo(os.Stdout, 1)
	runtime.KeepAlive(live)
	// A last forced cycle, finished (and printed) before GC returns: NumGC is then the number of
	// gctrace lines on stderr.
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Println("numgc", ms.NumGC)
}

// Call printAllocs() at the end of main; paste what it prints.
func printAllocs() {
	runtime.GC() // flush every P's cache so the counts are complete
	s := []metrics.Sample{{Name: "/gc/heap/allocs-by-size:bytes"}, {Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s) // imports: fmt, runtime, runtime/metrics
	h := s[0].Value.Float64Histogram()
	for i, n := range h.Counts {
		if n > 0 {
			fmt.Printf("allocs-by-size [%g, %g) %d\n", h.Buckets[i], h.Buckets[i+1], n)
		}
	}
	fmt.Println("allocs:bytes", s[1].Value.Uint64())
}
