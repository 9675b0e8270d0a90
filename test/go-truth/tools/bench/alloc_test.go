// Benchmarks whose allocations are known in advance, for the tools page's -benchmem parser.
package benchalloc

import "testing"

type node struct {
	a    bool
	next *node
	b    bool
	val  int64
	c    bool
}

var (
	sinkBytes []byte
	sinkNode  *node
	sinkArr   *[3]int64
)

// One 33-byte pointer-free slice: the 48-byte class.
func BenchmarkAlloc33(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkBytes = make([]byte, 33)
	}
}

// One 40-byte struct with a pointer: the 48-byte class.
func BenchmarkNode(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkNode = &node{}
	}
}

// A 100-byte slice (112-byte class) and a 24-byte array (24-byte class).
func BenchmarkTwo(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkBytes = make([]byte, 100)
		sinkArr = new([3]int64)
	}
}

// A 40000-byte slice: a large object of 5 pages.
func BenchmarkLarge(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkBytes = make([]byte, 40000)
	}
}

// Nothing allocated.
func BenchmarkNone(b *testing.B) {
	x := 0
	for i := 0; i < b.N; i++ {
		x += i
	}
	_ = x
}
