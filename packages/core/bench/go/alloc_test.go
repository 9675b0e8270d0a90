// Package gobench measures the real Go allocator on the workloads packages/core/bench runs against
// the simulator. Run by packages/core/bench/run.ts (see ../README.md); by hand:
//
//	GOGC=off GOMAXPROCS=1 go test -run '^$' -bench . -benchtime 65536x -count 5
//
// The collector is off (debug.SetGCPercent(-1)), as in the simulator's runs. testing.B still calls
// runtime.GC() before each measured run, which frees the previous run's objects, so memory stays
// bounded by one run's allocations: pass a fixed iteration count with -benchtime Nx.
package gobench

import (
	"os"
	"runtime"
	"runtime/debug"
	"syscall"
	"testing"
)

func TestMain(m *testing.M) {
	debug.SetGCPercent(-1)
	os.Exit(m.Run())
}

// cpuNs is the process's CPU time so far (user + system, every thread: the collector's too).
func cpuNs() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		panic(err)
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// reportCPU reports the CPU time per op since c0 ("cpu-ns/op"): on a loaded machine it is
// steadier than ns/op, which also counts the time spent waiting for a core.
func reportCPU(b *testing.B, c0 int64) {
	b.ReportMetric(float64(cpuNs()-c0)/float64(b.N), "cpu-ns/op")
}

var sink24 *[24]byte

// BenchmarkMalloc24: one 24-byte pointer-free object per iteration (size class 3, not tiny).
func BenchmarkMalloc24(b *testing.B) {
	c0 := cpuNs()
	for i := 0; i < b.N; i++ {
		sink24 = new([24]byte)
	}
	b.StopTimer()
	reportCPU(b, c0)
}

var sinkBytes []byte

// MixedSizes is the mixed workload's size sequence: xorshift32 from a fixed seed, two draws per
// size, size = 1 + ((r1 % 40960) >> (r2 % 12)): every size from 1 B to 40 KB can occur, small ones
// far more often. packages/core/bench/cases/mixed.ts generates the same sequence.
func MixedSizes(n int) []int {
	x := uint32(0x9e3779b9)
	next := func() uint32 {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		return x
	}
	out := make([]int, n)
	for i := range out {
		r1 := next()
		r2 := next()
		out[i] = 1 + int((r1%40960)>>(r2%12))
	}
	return out
}

const mixedLen = 1 << 16

// BenchmarkMixed: pointer-free objects of the sizes above, one per iteration, cycling through the
// sequence. Reports the sum of one pass of sizes ("sizesum") so the runner can check that Go and
// the simulator ran the same sequence.
func BenchmarkMixed(b *testing.B) {
	sizes := MixedSizes(mixedLen)
	sum := 0
	for _, s := range sizes {
		sum += s
	}
	b.ResetTimer()
	c0 := cpuNs()
	for i := 0; i < b.N; i++ {
		sinkBytes = make([]byte, sizes[i&(mixedLen-1)])
	}
	b.StopTimer()
	reportCPU(b, c0)
	b.ReportMetric(float64(sum), "sizesum")
}

// churnRing is the churn benchmarks' live set: a ring of churnLive objects, each new object
// replacing the one allocated churnLive allocations earlier (which becomes garbage).
const churnLive = 4096

var churnRing [churnLive]*[24]byte

// BenchmarkChurn24: steady-state churn with the collector on (GOGC=100, whatever TestMain set):
// one 24-byte pointer-free object per iteration into the ring above, so about 96 KiB stay live and
// everything older is garbage. Reports the collections that ran during the measured loop ("gcs").
// packages/core/bench/cases/churn.ts runs the same loop on the simulator.
func BenchmarkChurn24(b *testing.B) {
	old := debug.SetGCPercent(100)
	defer debug.SetGCPercent(old)
	for i := range churnRing {
		churnRing[i] = nil
	}
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	c0 := cpuNs()
	for i := 0; i < b.N; i++ {
		churnRing[i&(churnLive-1)] = new([24]byte)
	}
	b.StopTimer()
	reportCPU(b, c0)
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.NumGC-before.NumGC), "gcs")
}
