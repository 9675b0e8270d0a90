/**
 * The example each panel loads in one click. The benchmark, GC-trace and profile examples are
 * (shortened) output of real Go 1.27 programs on linux/amd64 — the programs the go-truth test of
 * this page runs (test/go-truth/tools/); the "after" benchmark run is the same package with the
 * struct's fields reordered.
 */
export const typesExample = `package main

import "sync"

// A whole file is fine: only the type declarations are read.
type Session struct {
	active  bool
	id      int64
	admin   bool
	name    string
	retries int32
	cache   map[string][]byte
	mu      sync.Mutex
	closed  bool
}

type Point struct {
	X, Y float64
}

type Event struct {
	kind   uint8
	at     int64
	source *Session
	tag    uint8
}

func main() {}
`

export const benchExample = `goos: linux
goarch: amd64
pkg: example.com/benchalloc
cpu: AMD EPYC
BenchmarkAlloc33-2   	   20000	        37.42 ns/op	      48 B/op	       1 allocs/op
BenchmarkAlloc33-2   	   20000	        34.79 ns/op	      48 B/op	       1 allocs/op
BenchmarkNode-2      	   20000	        31.25 ns/op	      48 B/op	       1 allocs/op
BenchmarkNode-2      	   20000	        22.93 ns/op	      48 B/op	       1 allocs/op
BenchmarkTwo-2       	   20000	        51.64 ns/op	     136 B/op	       2 allocs/op
BenchmarkTwo-2       	   20000	        58.35 ns/op	     136 B/op	       2 allocs/op
BenchmarkLarge-2     	   20000	     16751 ns/op	   40960 B/op	       1 allocs/op
BenchmarkLarge-2     	   20000	      9202 ns/op	   40960 B/op	       1 allocs/op
PASS
ok  	example.com/benchalloc	2.321s

goos: linux
goarch: amd64
pkg: example.com/benchalloc
cpu: AMD EPYC
BenchmarkAlloc33-2   	   20000	        36.10 ns/op	      48 B/op	       1 allocs/op
BenchmarkAlloc33-2   	   20000	        35.02 ns/op	      48 B/op	       1 allocs/op
BenchmarkNode-2      	   20000	        20.41 ns/op	      24 B/op	       1 allocs/op
BenchmarkNode-2      	   20000	        19.87 ns/op	      24 B/op	       1 allocs/op
BenchmarkTwo-2       	   20000	        52.90 ns/op	     136 B/op	       2 allocs/op
BenchmarkTwo-2       	   20000	        55.11 ns/op	     136 B/op	       2 allocs/op
BenchmarkLarge-2     	   20000	     12044 ns/op	   40960 B/op	       1 allocs/op
BenchmarkLarge-2     	   20000	      9876 ns/op	   40960 B/op	       1 allocs/op
PASS
ok  	example.com/benchalloc	2.204s
`

export const gctraceExample = `gc 1 @0.002s 20%: 1.6+0.28+0.028 ms clock, 3.3+0.15/0/0+0.056 ms cpu, 3->4->3 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 2 P
gc 2 @0.009s 18%: 6.0+0.40+0.002 ms clock, 12+0.009/0.56/0+0.005 ms cpu, 7->8->5 MB, 7 MB goal, 0 MB stacks, 0 MB globals, 2 P
gc 3 @0.049s 5%: 0.086+12+0.003 ms clock, 0.17+0.029/0.24/3.0+0.007 ms cpu, 9->14->8 MB, 10 MB goal, 0 MB stacks, 0 MB globals, 2 P
gc 4 @0.488s 5%: 41+15+0.004 ms clock, 82+0.21/0/0+0.009 ms cpu, 14->17->4 MB, 17 MB goal, 0 MB stacks, 0 MB globals, 2 P
gc 5 @0.551s 6%: 5.9+0.43+0.044 ms clock, 11+0.014/0.19/0+0.088 ms cpu, 8->9->5 MB, 9 MB goal, 0 MB stacks, 0 MB globals, 2 P
gc 6 @0.562s 5%: 0.022+1.8+0.056 ms clock, 0.045+0.038/0.068/0.061+0.11 ms cpu, 8->9->4 MB, 10 MB goal, 0 MB stacks, 0 MB globals, 2 P
gc 7 @0.566s 5%: 0.021+6.9+0.045 ms clock, 0.042+0.025/0.055/0.19+0.090 ms cpu, 7->36->32 MB, 8 MB goal, 0 MB stacks, 0 MB globals, 2 P
gc 8 @0.646s 5%: 0.031+8.3+0.045 ms clock, 0.063+0.082/0.13/0.69+0.090 ms cpu, 56->60->4 MB, 66 MB goal, 0 MB stacks, 0 MB globals, 2 P
gc 9 @0.660s 4%: 0.039+111+0.054 ms clock, 0.079+0.052/0.078/0.19+0.10 ms cpu, 7->9->5 MB, 9 MB goal, 0 MB stacks, 0 MB globals, 2 P
gc 10 @0.782s 4%: 0.020+1.7+0.037 ms clock, 0.041+0.10/0.045/0+0.075 ms cpu, 9->11->6 MB, 10 MB goal, 0 MB stacks, 0 MB globals, 2 P
gc 11 @0.786s 3%: 0.022+142+0.009 ms clock, 0.045+0.13/0.002/0+0.019 ms cpu, 11->14->4 MB, 14 MB goal, 0 MB stacks, 0 MB globals, 2 P
gc 12 @0.957s 3%: 0.018+1.0+0.002 ms clock, 0.036+0.12/0/0+0.005 ms cpu, 8->9->4 MB, 9 MB goal, 0 MB stacks, 0 MB globals, 2 P
gc 13 @0.959s 3%: 0.69+0.70+0.001 ms clock, 1.3+0/0.18/0+0.003 ms cpu, 7->10->6 MB, 9 MB goal, 0 MB stacks, 0 MB globals, 2 P
gc 14 @0.962s 3%: 0.14+1.1+0.001 ms clock, 0.28+0.012/0.042/0.10+0.003 ms cpu, 11->17->9 MB, 13 MB goal, 0 MB stacks, 0 MB globals, 2 P
gc 15 @0.965s 3%: 0.11+2.0+0.002 ms clock, 0.22+0.014/0.036/0.11+0.004 ms cpu, 16->24->12 MB, 19 MB goal, 0 MB stacks, 0 MB globals, 2 P
gc 16 @0.977s 3%: 0.18+8.6+0.003 ms clock, 0.37+0/0.16/0.19+0.007 ms cpu, 20->22->7 MB, 24 MB goal, 0 MB stacks, 0 MB globals, 2 P
gc 17 @1.014s 3%: 0.042+1.9+0.003 ms clock, 0.084+0/0.092/0.38+0.006 ms cpu, 7->7->7 MB, 15 MB goal, 0 MB stacks, 0 MB globals, 2 P (forced)
`

export const profileExample = `allocs-by-size [1, 9) 11
allocs-by-size [9, 17) 31
allocs-by-size [17, 25) 14
allocs-by-size [25, 33) 10
allocs-by-size [33, 49) 5031
allocs-by-size [49, 65) 38
allocs-by-size [65, 81) 2
allocs-by-size [81, 97) 5
allocs-by-size [97, 113) 6
allocs-by-size [113, 129) 32
allocs-by-size [129, 145) 12
allocs-by-size [161, 177) 1
allocs-by-size [177, 193) 2
allocs-by-size [193, 209) 2
allocs-by-size [241, 257) 3
allocs-by-size [353, 385) 1
allocs-by-size [449, 481) 16
allocs-by-size [481, 513) 4
allocs-by-size [641, 705) 2
allocs-by-size [769, 897) 1
allocs-by-size [897, 1025) 3001
allocs-by-size [1025, 1153) 14
allocs-by-size [1537, 1793) 1
allocs-by-size [1793, 2049) 4
allocs-by-size [2049, 2305) 1
allocs-by-size [3457, 4097) 40001
allocs-by-size [4097, 4865) 1
allocs-by-size [5377, 6145) 1
allocs-by-size [6913, 8193) 2
allocs-by-size [10881, 12289) 1
allocs-by-size [14337, 16385) 3
allocs-by-size [16385, 18433) 1
allocs-by-size [21761, 24577) 1
allocs-by-size [24577, 27265) 1
allocs-by-size [28673, 32769) 1
allocs-by-size [32769, +Inf) 4
allocs:bytes 167633240
`
