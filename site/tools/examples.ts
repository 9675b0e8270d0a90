/**
 * The example each panel loads in one click. The benchmark, GC-trace and profile examples are
 * (shortened) output of real Go 1.27 programs on linux/amd64 — the programs the go-truth test of
 * this page runs (test/go-truth/tools/); the "after" benchmark run is the same package with the
 * struct's fields reordered. That output is kept as it was printed, in text files beside this one.
 */
export { default as benchExample } from './examples/bench.txt?raw'
export { default as gctraceExample } from './examples/gctrace.txt?raw'
export { default as profileExample } from './examples/profile.txt?raw'

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
