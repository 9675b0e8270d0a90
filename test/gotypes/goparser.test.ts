// The Go parser the notebook uses (gotypes' goParser) and the editor's CodeMirror language built
// with the same semicolon tracker: a line ending in true or false ends the statement, as Go's
// semicolon rule says. The grammar alone (@lezer/go 1.0.1) runs such a line into the next one;
// that is the control, so the test shows what the tracker changes.
import { describe, expect, it } from 'vitest'
import { goLanguage } from '@codemirror/lang-go'
import { goParser, goSemicolonTracker } from '@go-alloc/gotypes'

/** The grammar as lang-go ships it (@lezer/go's tracker, only editor props added). */
const lezerGo = goLanguage.parser
type Tree = ReturnType<typeof goParser.parse>

const programs = [
  'package main\n\nfunc main() {\n\tok := true\n\tx := 1\n\t_, _ = ok, x\n}\n',
  'package main\n\nconst debug = false\n\nvar n = 3\n\nfunc main() {}\n',
  'package main\n\nfunc f() bool {\n\treturn false\n}\n\nfunc main() {\n\tvar b bool = true\n\tif b == f() {\n\t}\n}\n',
]

function errorsIn(tree: Tree): number {
  let n = 0
  tree.iterate({
    enter: (node) => {
      if (node.type.isError) n++
    },
  })
  return n
}

describe('Go semicolons after true and false', () => {
  it.each(programs.map((p, i) => [i, p]))('program %i: goParser finds no syntax error', (_, src) => {
    expect(errorsIn(goParser.parse(src as string))).toBe(0)
  })

  it.each(programs.map((p, i) => [i, p]))(
    "program %i: the editor's language (lang-go with the tracker) finds none either",
    (_, src) => {
      const editorGo = goLanguage.configure({ contextTracker: goSemicolonTracker })
      expect(errorsIn(editorGo.parser.parse(src as string))).toBe(0)
    },
  )

  it('control: the grammar on its own reports an error in each program', () => {
    for (const src of programs) expect(errorsIn(lezerGo.parse(src))).toBeGreaterThan(0)
  })

  it('programs without true/false parse to the same tree with either parser', () => {
    const src =
      'package main\n\nfunc main() {\n\tx := 1\n\ty := "s"\n\tfor i := 0; i < x; i++ {\n\t}\n\t_ = y\n}\n'
    expect(goParser.parse(src).toString()).toBe(lezerGo.parse(src).toString())
  })
})
