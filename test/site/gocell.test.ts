// The Go cell runner (site/cells/gorunner.ts): output through the cap, errors in the cell's own
// terms, and the heap view (every allocation, the spans it landed in).
import { describe, expect, it } from 'vitest'
import { describeSize } from '@go-alloc/core'
import { runGoCell } from '../../site/cells/gorunner.ts'
import { isToWorker } from '../../site/cells/protocol.ts'

const limits = { maxLines: 200, maxChars: 64 * 1024 }

function run(code: string, goVersion = '1.27') {
  const out: { stream: string; text: string }[] = []
  const r = runGoCell(code, goVersion, limits, { output: (stream, text) => out.push({ stream, text }) })
  return { ...r, lines: out.flatMap((o) => o.text.split('\n')) }
}

const prog = `package main

import "fmt"

type Node struct {
	next *Node
	val  int
}

func main() {
	var head *Node
	for i := 0; i < 3; i++ {
		head = &Node{next: head, val: i}
	}
	fmt.Printf("%d ", head.val)
	fmt.Printf("%d\\n", head.next.val)
	s := make([]byte, 0, 100)
	fmt.Println(len(s), cap(s))
}
`

describe('runGoCell', () => {
  it('streams whole lines and lists every allocation with its line, slot and span', () => {
    const r = run(prog)
    expect(r.status).toBe('done')
    expect(r.lines).toEqual(['2 1', '0 100'])
    const h = r.heap!
    expect(h.goVersion).toBe('1.27')
    expect(h.total).toBe(4)
    expect(h.allocs.map((a) => [a.line, a.what])).toEqual([
      [13, '&Node{…}'],
      [13, '&Node{…}'],
      [13, '&Node{…}'],
      [17, 'make([]uint8, 0, 100)'],
    ])
    // a Node is 16 bytes with a pointer: the 16-byte scan class; 100 bytes noscan: the 112-byte class
    expect(h.allocs[0].size).toBe(16)
    expect(h.allocs[0].slot).toBe(describeSize(16).elemsize)
    expect(h.allocs[0].noscan).toBe(false)
    expect(h.allocs[3].slot).toBe(112)
    expect(h.allocs[3].noscan).toBe(true)
    // the three nodes share one span, next to each other
    expect(new Set(h.allocs.slice(0, 3).map((a) => a.span)).size).toBe(1)
    expect(h.allocs[1].addr - h.allocs[0].addr).toBe(16)
    expect(h.spans.map((s) => s.allocs).sort()).toEqual([1, 3])
    expect(r.runtimes).toHaveLength(1)
  })

  it('reports compile errors with their line and column, and no heap view', () => {
    const r = run('package main\n\nfunc main() {\n\tgo main()\n}\n')
    expect(r.status).toBe('error')
    expect(r.error).toMatchObject({ name: 'compile error', line: 4, column: 2 })
    expect(r.error?.message).toBe('goroutines (go statements) are not supported in cells')
    expect(r.heap).toBeNull()
  })

  it('reports a panic at its line, keeping the output printed before it', () => {
    const r = run(
      'package main\n\nimport "fmt"\n\nfunc main() {\n\ts := []int{1}\n\tfmt.Println("before")\n\ti := 3\n\tfmt.Println(s[i])\n}\n',
    )
    expect(r.lines).toEqual(['before'])
    expect(r.error).toMatchObject({
      name: 'panic',
      message: 'runtime error: index out of range [3] with length 1',
      line: 9,
    })
    expect(r.heap?.total).toBe(1)
  })

  it('caps the output like TypeScript cells', () => {
    const r = run(
      'package main\n\nimport "fmt"\n\nfunc main() {\n\tfor i := range 1000 {\n\t\tfmt.Println(i)\n\t}\n}\n',
    )
    expect(r.truncated).toBe(true)
    expect(r.lines.length).toBeLessThanOrEqual(200)
  })

  it('follows the Go version it is given (1.21: no malloc header on a 640-byte pointerful object)', () => {
    const src =
      'package main\n\nimport "fmt"\n\ntype B struct {\n\tp   *int\n\tbuf [632]byte\n}\n\nfunc main() {\n\tb := &B{}\n\tfmt.Println(b.p == nil)\n}\n'
    expect(run(src, '1.21').heap!.allocs[0].slot).toBe(640)
    expect(run(src, '1.27').heap!.allocs[0].slot).toBe(704)
  })

  it('keeps the first 10 000 allocation records of a long run and counts the rest per span', () => {
    const src =
      'package main\n\nimport "fmt"\n\ntype N struct {\n\tnext *N\n}\n\nvar head *N\n\nfunc main() {\n\tfor i := 0; i < 25000; i++ {\n\t\thead = &N{next: head}\n\t}\n\tfmt.Println(head != nil)\n}\n'
    const r = run(src)
    expect(r.lines).toEqual(['true'])
    expect(r.heap!.total).toBe(25000)
    expect(r.heap!.allocs).toHaveLength(500)
    // 25000 objects of 8 bytes with a pointer: every one in some span of the 8-byte scan class
    expect(r.heap!.spans.reduce((a, s) => a + s.allocs, 0)).toBe(25000)
    expect(new Set(r.heap!.spans.map((s) => s.elemsize))).toEqual(new Set([8]))
  })
})

describe('the run request carries the language', () => {
  it('accepts go and ts, refuses others', () => {
    const base = { type: 'run', id: 1, code: '', limits }
    expect(isToWorker({ ...base, lang: 'go', goVersion: '1.27' })).toBe(true)
    expect(isToWorker(base)).toBe(true)
    expect(isToWorker({ ...base, lang: 'python' })).toBe(false)
  })
})
