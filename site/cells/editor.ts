/**
 * The CodeMirror 6 editor of a cell. This module is loaded with a dynamic import only when a reader
 * focuses, edits or runs a cell; until then the cell shows Shiki's build-time highlighting.
 */
import { EditorState, EditorSelection } from '@codemirror/state'
import {
  EditorView,
  keymap,
  drawSelection,
  highlightActiveLine,
  lineNumbers,
  tooltips,
} from '@codemirror/view'
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands'
import { javascript, javascriptLanguage } from '@codemirror/lang-javascript'
import { go, goLanguage } from '@codemirror/lang-go'
import { goSemicolonTracker } from '@go-alloc/gotypes'
import {
  HighlightStyle,
  LanguageSupport,
  bracketMatching,
  indentOnInput,
  syntaxHighlighting,
} from '@codemirror/language'
import {
  autocompletion,
  completionKeymap,
  type Completion,
  type CompletionContext,
  type CompletionResult,
} from '@codemirror/autocomplete'
import { tags as t } from '@lezer/highlight'
import type { CellApi } from './api.ts'

export interface EditorOptions {
  parent: HTMLElement
  doc: string
  /** Selection to start with (offsets into doc), e.g. carried over from the static code area. */
  selection?: { anchor: number; head: number }
  label: string
  api: CellApi | null
  onRun: () => void
  onChange: (code: string) => void
  /** 'go' for Go cells (Go highlighting, no completion of the core's API). Default 'ts'. */
  lang?: 'ts' | 'go'
}

export interface EditorHandle {
  getCode(): string
  setCode(code: string): void
  focus(): void
  destroy(): void
  readonly contentDOM: HTMLElement
}

/** Colours come from CSS variables set by Cell.astro for the light and dark themes. */
const highlight = HighlightStyle.define([
  {
    tag: [t.keyword, t.controlKeyword, t.moduleKeyword, t.operatorKeyword, t.definitionKeyword, t.modifier],
    color: 'var(--cell-tok-keyword)',
  },
  { tag: [t.string, t.special(t.string), t.regexp], color: 'var(--cell-tok-string)' },
  { tag: [t.number, t.bool, t.null, t.atom], color: 'var(--cell-tok-number)' },
  {
    tag: [t.function(t.variableName), t.function(t.propertyName), t.className, t.typeName],
    color: 'var(--cell-tok-function)',
  },
  { tag: [t.comment, t.lineComment, t.blockComment], color: 'var(--cell-tok-comment)', fontStyle: 'italic' },
  { tag: [t.propertyName], color: 'var(--cell-tok-property)' },
  { tag: [t.operator, t.punctuation], color: 'var(--cell-tok-punct)' },
])

const theme = EditorView.theme({
  '&': {
    color: 'var(--cell-code-fg)',
    backgroundColor: 'var(--cell-code-bg)',
    fontSize: 'var(--cell-code-size)',
  },
  '.cm-content': {
    fontFamily: 'var(--__sl-font-mono, ui-monospace, monospace)',
    caretColor: 'var(--cell-code-fg)',
    padding: '0.75rem 0',
  },
  '.cm-scroller': { fontFamily: 'inherit', lineHeight: '1.6' },
  '.cm-gutters': { backgroundColor: 'var(--cell-code-bg)', color: 'var(--cell-tok-comment)', border: 'none' },
  '.cm-activeLine': { backgroundColor: 'var(--cell-active-line)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--cell-active-line)' },
  '&.cm-focused': { outline: 'none' },
  '&.cm-focused .cm-cursor': { borderLeftColor: 'var(--cell-code-fg)' },
  '.cm-selectionBackground, &.cm-focused .cm-selectionBackground, ::selection': {
    backgroundColor: 'var(--cell-selection)',
  },
  '.cm-tooltip': {
    backgroundColor: 'var(--cell-panel)',
    color: 'var(--cell-code-fg)',
    border: '1px solid var(--cell-border)',
  },
  '.cm-tooltip-autocomplete ul li[aria-selected]': {
    backgroundColor: 'var(--cell-selection)',
    color: 'var(--cell-code-fg)',
  },
})

/** lang-go's support with the cells' parser rule: a line ending in true or false ends the
 *  statement (the grammar alone runs it into the next line; see gotypes' goparser.ts). */
function goSupport(): LanguageSupport {
  return new LanguageSupport(goLanguage.configure({ contextTracker: goSemicolonTracker }), go().support)
}

function toCompletions(entries: CellApi['globals']): Completion[] {
  return entries.map((e) => {
    const c: Completion = { label: e.label, type: e.type }
    if (e.detail) c.detail = e.detail
    if (e.info) c.info = e.info
    return c
  })
}

function apiCompletionSource(api: CellApi) {
  const globals = toCompletions(api.globals)
  const members = toCompletions(api.members)
  return (ctx: CompletionContext): CompletionResult | null => {
    const member = ctx.matchBefore(/\.[\w$]*$/)
    if (member) return { from: member.from + 1, options: members, validFor: /^[\w$]*$/ }
    const word = ctx.matchBefore(/[\w$]+$/)
    if (!word && !ctx.explicit) return null
    return { from: word ? word.from : ctx.pos, options: globals, validFor: /^[\w$]*$/ }
  }
}

// No auto-closing brackets: text typed or pasted key by key (by people or by automation) must
// arrive exactly as typed.
export function createEditor(opts: EditorOptions): EditorHandle {
  const runKeys = keymap.of([
    {
      key: 'Mod-Enter',
      preventDefault: true,
      run: () => {
        opts.onRun()
        return true
      },
    },
    {
      // Ctrl+Enter on a Mac too, where Mod is Cmd.
      key: 'Ctrl-Enter',
      preventDefault: true,
      run: () => {
        opts.onRun()
        return true
      },
    },
  ])
  const len = opts.doc.length
  const clamp = (n: number) => Math.max(0, Math.min(len, n))
  const selection = opts.selection
    ? EditorSelection.single(clamp(opts.selection.anchor), clamp(opts.selection.head))
    : undefined
  const state = EditorState.create({
    doc: opts.doc,
    ...(selection ? { selection } : {}),
    extensions: [
      runKeys,
      lineNumbers(),
      history(),
      drawSelection(),
      indentOnInput(),
      bracketMatching(),
      highlightActiveLine(),
      opts.lang === 'go' ? goSupport() : javascript({ typescript: true }),
      syntaxHighlighting(highlight),
      opts.api && opts.lang !== 'go'
        ? javascriptLanguage.data.of({ autocomplete: apiCompletionSource(opts.api) })
        : [],
      autocompletion({ activateOnTyping: true }),
      // Completion popups live on <body> so the cell's rounded, clipped box does not cut them off.
      tooltips({ parent: document.body }),
      keymap.of([...defaultKeymap, ...historyKeymap, ...completionKeymap]),
      EditorView.lineWrapping,
      theme,
      EditorView.contentAttributes.of({
        'aria-label': opts.label,
        spellcheck: 'false',
        autocapitalize: 'off',
        autocorrect: 'off',
      }),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) opts.onChange(u.state.doc.toString())
      }),
    ],
  })
  const view = new EditorView({ state, parent: opts.parent })
  return {
    getCode: () => view.state.doc.toString(),
    setCode: (code: string) => {
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: code },
        selection: { anchor: 0 },
      })
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
    contentDOM: view.contentDOM,
  }
}
