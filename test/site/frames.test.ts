import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { createFrameCursor } from '../../site/widgets/shared/frames.ts'
import { createPlayback, speeds } from '../../site/widgets/shared/playback.ts'

describe('frame cursor', () => {
  it('refuses an empty or non-array frame list', () => {
    expect(() => createFrameCursor([])).toThrow(RangeError)
    expect(() => createFrameCursor('abc' as unknown as string[])).toThrow(TypeError)
  })

  it('starts at frame 0 and clamps goTo into range', () => {
    const t = createFrameCursor(['a', 'b', 'c'])
    expect(t.index).toBe(0)
    expect(t.frame).toBe('a')
    expect(t.goTo(99)).toBe(2)
    expect(t.frame).toBe('c')
    expect(t.goTo(-5)).toBe(0)
    expect(t.goTo(1.7)).toBe(1)
    expect(() => t.goTo(Number.NaN)).toThrow(TypeError)
    expect(t.index).toBe(1)
  })

  it('any sequence of moves keeps index in range and frame = frames[index]', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer(), { minLength: 1, maxLength: 30 }),
        fc.array(
          fc.oneof(
            fc.integer({ min: -50, max: 50 }).map((n) => ['step', n] as const),
            fc.integer({ min: -50, max: 50 }).map((n) => ['go', n] as const),
            fc.constant(['reset', 0] as const),
          ),
        ),
        (frames, moves) => {
          const t = createFrameCursor(frames)
          let expected = 0
          for (const [op, n] of moves) {
            if (op === 'step') expected = Math.min(frames.length - 1, Math.max(0, expected + n))
            else if (op === 'go') expected = Math.min(frames.length - 1, Math.max(0, n))
            else expected = 0
            if (op === 'step') t.step(n)
            else if (op === 'go') t.goTo(n)
            else t.reset()
            expect(t.index).toBe(expected)
            expect(t.frame).toBe(frames[expected])
            expect(t.atStart).toBe(expected === 0)
            expect(t.atEnd).toBe(expected === frames.length - 1)
          }
        },
      ),
    )
  })

  it('notifies subscribers only when the index changes', () => {
    const t = createFrameCursor([1, 2, 3])
    const seen: number[] = []
    const off = t.subscribe((i) => seen.push(i))
    t.goTo(0)
    t.step(1)
    t.step(1)
    t.step(1)
    off()
    t.reset()
    expect(seen).toEqual([1, 2])
  })
})

describe('playback', () => {
  it('plays to the end, then pauses there; play at the end restarts', () => {
    const t = createFrameCursor([0, 1, 2, 3])
    const pb = createPlayback(t)
    pb.play()
    expect(pb.playing).toBe(true)
    let ticks = 0
    while (pb.tick()) ticks++
    expect(t.atEnd).toBe(true)
    expect(pb.playing).toBe(false)
    expect(ticks).toBe(2) // the third tick reaches the end and stops
    pb.play()
    expect(t.index).toBe(0)
    expect(pb.playing).toBe(true)
  })

  it('a manual move pauses', () => {
    const t = createFrameCursor([0, 1, 2, 3])
    const pb = createPlayback(t)
    pb.play()
    pb.manual((tl) => tl.step(2))
    expect(pb.playing).toBe(false)
    expect(t.index).toBe(2)
    expect(pb.tick()).toBe(false)
    expect(t.index).toBe(2)
  })

  it('a one-frame cursor never plays', () => {
    const pb = createPlayback(createFrameCursor(['only']))
    pb.play()
    expect(pb.playing).toBe(false)
  })

  it('speed: only listed speeds; faster means shorter delay; reduced motion starts slowest', () => {
    const t = createFrameCursor([0, 1])
    const pb = createPlayback(t)
    expect(() => pb.setSpeed(3)).toThrow(RangeError)
    const delays = speeds.map((s) => {
      pb.setSpeed(s)
      return pb.delayMs()
    })
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeLessThan(delays[i - 1] as number)
    expect(createPlayback(t, { reducedMotion: true }).speed).toBe(Math.min(...speeds))
  })
})
