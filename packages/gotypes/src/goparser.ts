// goparser.ts — the Lezer Go parser, with Go's semicolon rule applied after true and false.
//
// Go inserts a semicolon at the end of a line whose last token is an identifier, a literal, one
// of break continue fallthrough return, ++ -- ) ] or } (the spec's "Semicolons" section).
// @lezer/go (1.0.1) decides this with a context tracker that remembers whether the last token
// shifted was one of those. `true` and `false` are read as keyword tokens (then reduced to a
// Bool node) that the tracker does not list, so a line ending in one runs into the next line:
// `ok := true` followed by another statement, or `const debug = false` followed by a
// declaration, was a syntax error. This parser keeps the grammar and its tracker and also counts
// the tokens of true and false as ending a line.

import { ContextTracker, type InputStream, type Stack } from '@lezer/lr'
import { parser as lezerGo } from '@lezer/go'

type Shift = (context: boolean, term: number, stack: Stack, input: InputStream) => boolean

// the grammar's own tracker (not in @lezer/lr's typings): its shift function decides for every
// other token
const tracker = (lezerGo as unknown as { context?: { shift?: unknown } }).context
if (typeof tracker?.shift !== 'function') throw new Error('@lezer/go has no semicolon context tracker')
const shift = tracker.shift as Shift
const boolNode = lezerGo.nodeSet.types.find((t) => t.name === 'Bool')?.id
if (boolNode === undefined) throw new Error('@lezer/go has no Bool node')

/** The terms the parser shifts for `true` and `false`: the token shifted just before a Bool node
 *  is reduced, found by parsing both once (the Bool node itself if it is ever shifted directly). */
function boolTokens(): Set<number> {
  const found = new Set<number>([boolNode!])
  let last = -1
  lezerGo
    .configure({
      contextTracker: new ContextTracker<boolean>({
        start: false,
        shift: (context, term, stack, input) => {
          last = term
          return shift.call(tracker, context, term, stack, input)
        },
        reduce: (context, term) => {
          if (term === boolNode) found.add(last)
          return context
        },
      }),
    })
    .parse('package p\n\nvar a, b = true, false\n')
  return found
}
const lineEnders = boolTokens()

/** The grammar's semicolon tracker with true and false counted as ending a line (for any
 *  configuration of the grammar, e.g. the editor's CodeMirror language). */
export const goSemicolonTracker = new ContextTracker<boolean>({
  start: false,
  shift: (context, term, stack, input) =>
    lineEnders.has(term) || shift.call(tracker, context, term, stack, input),
})

/** The Go parser every reader of Go source in the notebook uses. */
export const goParser = lezerGo.configure({ contextTracker: goSemicolonTracker })
