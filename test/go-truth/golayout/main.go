// Command golayout prints what the gc compiler and runtime decided for generated types and
// slices, for the layout test of the Go-types package (test/go-truth/layout.test.ts writes the
// generated files types_gen.go, opt_gen.go and caps_gen.go next to this one before building).
//
//	golayout layout   one "T" line per type (the generated ones, then their reordered copies
//	                  from opt_gen.go): name, Sizeof, Alignof, the runtime type's pointer
//	                  bytes, its pointer mask (or "?" when the runtime builds it on demand) and
//	                  %T; one "F" line per struct field (reflect: index, name, offset, type,
//	                  embedded) and one "O" line per named field with unsafe.Offsetof
//	golayout caps     one "A" line per element type and start capacity: the capacities a slice
//	                  goes through when appending one element at a time; "B" lines for appends
//	                  of many elements at once; "S" lines for cap([]byte(s))
package main

import (
	"fmt"
	"os"
	"reflect"
	"strings"
	"unsafe"
)

// eface is the layout of an empty interface: the type word, then the data word.
type eface struct {
	typ  unsafe.Pointer
	data unsafe.Pointer
}

// Offsets in the runtime's type descriptor (internal/abi.Type, runtime._type before 1.21):
// Size_ uintptr at 0, PtrBytes uintptr at 8, Hash uint32 at 16, TFlag uint8 at 20,
// Align_ 21, FieldAlign_ 22, Kind_ 23, Equal func at 24, GCData *byte at 32 (the same offsets
// in runtime._type of Go 1.19).
const (
	offPtrBytes = 8
	offTFlag    = 20
	offKind     = 23
	offGCData   = 32
	// abi.TFlagGCMaskOnDemand (Go 1.24+): GCData is then a **byte filled in lazily.
	tflagGCMaskOnDemand = 1 << 4
	// KindGCProg (before Go 1.24): GCData is then a GC program, not a mask.
	kindGCProg = 1 << 6
)

// typeInfo returns the size and pointer bytes recorded in x's dynamic type, and its pointer
// mask as a string of 0/1 per word ("?" if the mask is built on demand, "-" without pointers).
func typeInfo(x any) (uintptr, uintptr, string) {
	e := (*eface)(unsafe.Pointer(&x))
	size := *(*uintptr)(e.typ)
	ptr := *(*uintptr)(unsafe.Add(e.typ, offPtrBytes))
	if ptr == 0 {
		return size, ptr, "-"
	}
	tflag := *(*uint8)(unsafe.Add(e.typ, offTFlag))
	kind := *(*uint8)(unsafe.Add(e.typ, offKind))
	if tflag&tflagGCMaskOnDemand != 0 || kind&kindGCProg != 0 {
		return size, ptr, "?"
	}
	gcdata := *(**byte)(unsafe.Add(e.typ, offGCData))
	words := int(ptr / 8)
	bits := unsafe.Slice(gcdata, (words+7)/8)
	var b strings.Builder
	for i := 0; i < words; i++ {
		if bits[i/8]>>(i%8)&1 != 0 {
			b.WriteByte('1')
		} else {
			b.WriteByte('0')
		}
	}
	return size, ptr, b.String()
}

func printType(name string, v any, size, align uintptr) {
	rsize, ptr, mask := typeInfo(v)
	if rsize != size {
		panic(fmt.Sprintf("%s: Sizeof %d but the runtime type says %d", name, size, rsize))
	}
	fmt.Printf("T\t%s\t%d\t%d\t%d\t%s\t%T\n", name, size, align, ptr, mask, v)
	t := reflect.TypeOf(v)
	if t.Kind() != reflect.Struct {
		return
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		fmt.Printf("F\t%s\t%d\t%s\t%d\t%s\t%t\n", name, i, f.Name, f.Offset, f.Type.String(), f.Anonymous)
	}
}

func printOffset(name, field string, off uintptr) {
	fmt.Printf("O\t%s\t%s\t%d\n", name, field, off)
}

// appendCaps appends one zero element at a time through p (a package-level slice, so the backing
// arrays escape to the heap as in the simulator) and reports every capacity it passes through.
func appendCaps[T any](name string, p *[]T, start, limit int) {
	*p = make([]T, 0, start)
	var z T
	last := cap(*p)
	out := []string{fmt.Sprint(last)}
	for len(*p) < limit {
		*p = append(*p, z)
		if cap(*p) != last {
			last = cap(*p)
			out = append(out, fmt.Sprint(last))
		}
	}
	fmt.Printf("A\t%s\t%d\t%s\n", name, start, strings.Join(out, " "))
	*p = nil
}

// appendMany appends k elements at once to a slice of length and capacity n.
func appendMany[T any](name string, p *[]T, n, k int) {
	*p = make([]T, n)
	*p = append(*p, make([]T, k)...)
	fmt.Printf("B\t%s\t%d\t%d\t%d\n", name, n, k, cap(*p))
	*p = nil
}

var byteSink []byte

func bytesCaps() {
	s := strings.Repeat("x", 40000)
	for _, n := range []int{1, 2, 7, 8, 9, 15, 16, 17, 24, 25, 31, 32, 33, 48, 63, 64, 65, 100, 500, 1000, 1025, 5000, 32760, 32761, 32768, 32769, 40000} {
		byteSink = []byte(s[:n])
		fmt.Printf("S\t%d\t%d\n", n, cap(byteSink))
	}
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: golayout layout|caps")
		os.Exit(2)
	}
	switch os.Args[1] {
	case "layout":
		layouts()
		optLayouts()
	case "caps":
		caps()
		bytesCaps()
	default:
		fmt.Fprintln(os.Stderr, "usage: golayout layout|caps")
		os.Exit(2)
	}
}
