// The generator-walk figure's trace must end in Go's table (classToSize / classToNPages of the
// core, themselves tested against Go's sizeclasses.go) and each step must obey the generator's rules.
import { describe, expect, it } from 'vitest'
import { classToNPages, classToSize } from '@go-alloc/core'
import { describeFrame, frameForGoto, generatorTrace } from '../../site/widgets/size-class-generator/model.ts'

const frames = generatorTrace()

describe('size-class generator trace', () => {
  it('starts empty and ends with Go’s 67 classes and page counts', () => {
    expect(frames[0]?.action).toBe('start')
    expect(frames[0]?.classes).toEqual([])
    const last = frames[frames.length - 1]
    expect(last?.action).toBe('done')
    expect(last?.classes).toEqual(classToSize.slice(1))
    expect(last?.pages).toEqual(classToNPages.slice(1))
  })

  it('each walk step takes the fewest pages whose tail is at most 1/8 of the span', () => {
    for (const f of frames.filter((x) => x.action === 'new' || x.action === 'widen')) {
      expect(f.tail).toBe(f.spanBytes % f.size)
      expect(f.tail).toBeLessThanOrEqual(f.spanBytes / 8)
      expect(f.rejectedPages.length).toBe(f.npages - 1)
      for (const r of f.rejectedPages) expect(r.tail).toBeGreaterThan(r.limit)
    }
  })

  it('candidates advance by the step in force, which only changes after a power of two', () => {
    const walk = frames.filter((x) => x.action === 'new' || x.action === 'widen')
    expect(walk[0]?.size).toBe(8)
    expect(walk[walk.length - 1]?.size).toBe(32768)
    for (let i = 1; i < walk.length; i++) {
      const a = walk[i - 1]!
      const b = walk[i]!
      expect(b.size - a.size).toBe(a.step)
    }
    expect(walk.find((f) => f.size === 24)).toBeDefined()
    expect(walk.find((f) => f.size === 40)).toBeUndefined() // step is 16 after 32
    expect(walk.find((f) => f.size === 288)).toBeDefined()
  })

  it('widen only when pages and object count match the previous class; grow keeps the count', () => {
    for (let i = 1; i < frames.length; i++) {
      const f = frames[i]!
      const prev = frames[i - 1]!
      if (f.action === 'widen') {
        expect(f.classes.length).toBe(prev.classes.length)
        expect(prev.classes[f.changed]).toBe(f.from)
        expect(prev.pages[f.changed]).toBe(f.npages)
        expect(Math.floor(f.spanBytes / f.from)).toBe(f.objects)
      }
      if (f.action === 'grow') {
        expect(f.size % 128).toBe(0)
        expect(f.size).toBeGreaterThan(f.from)
        expect(Math.floor(f.spanBytes / f.size)).toBe(Math.floor(f.spanBytes / f.from))
      }
    }
  })

  it('the reference’s examples: 832 → 896 widen, 8448 → 9472 grow, 1664 → 1792 grow', () => {
    const w = frames[frameForGoto('size-896') as number]
    expect(w).toMatchObject({ action: 'widen', from: 832, size: 896, objects: 9 })
    expect(frames[frameForGoto('grow-9472') as number]).toMatchObject({
      action: 'grow',
      from: 8448,
      npages: 7,
      objects: 6,
    })
    expect(frames[frameForGoto('grow-1792') as number]).toMatchObject({
      action: 'grow',
      from: 1664,
      npages: 2,
      objects: 9,
    })
    expect(frameForGoto('size-40')).toBeNull()
    expect(frameForGoto('nonsense')).toBeNull()
    expect(frameForGoto('99999')).toBe(frames.length - 1)
  })

  it('describes every frame in words that name its numbers', () => {
    frames.forEach((f, i) => {
      const text = describeFrame(f, i, frames.length)
      expect(text).toContain(`Step ${i} of ${frames.length - 1}`)
      if (f.size) expect(text).toContain(`${f.size} B`)
    })
  })
})
