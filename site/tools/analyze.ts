/**
 * One entry point for the four tools, used in the worker (large pastes) and on the page alike:
 * text in, plain data out (structured-clone safe), progress reported as a fraction.
 */
import { type GoVersion } from '@go-alloc/core'
import { type Progress } from './scan.ts'
import { typesModel, type TypesModel } from './types.ts'
import { benchModel, parseBench, type BenchModel } from './bench.ts'
import { gctraceModel, parseGctrace, type GctraceModel } from './gctrace.ts'
import { parseProfile, profileModel, type ProfileModel } from './profile.ts'

export const toolNames = ['types', 'bench', 'profile', 'gctrace'] as const
export type ToolName = (typeof toolNames)[number]

export interface AnalyzeOptions {
  goVersion: GoVersion
  /** The GOGC the GC-trace replay compares with ('off' only with a memory limit). */
  gogc: number | 'off'
  /** The GOMEMLIMIT the GC-trace replay compares with, in bytes, or 'off'. */
  memoryLimit: number | 'off'
}

export type ToolResult =
  | { tool: 'types'; model: TypesModel }
  | { tool: 'bench'; model: BenchModel }
  | { tool: 'profile'; model: ProfileModel }
  | { tool: 'gctrace'; model: GctraceModel }

export function analyze(tool: ToolName, text: string, opts: AnalyzeOptions, progress?: Progress): ToolResult {
  // Reading is most of the work for big pastes; the model (replays) is reported as the last step.
  const read: Progress = (f) => progress?.(f * 0.9)
  switch (tool) {
    case 'types':
      return { tool, model: typesModel(text, opts.goVersion, read) }
    case 'bench':
      return { tool, model: benchModel(parseBench(text, read)) }
    case 'profile':
      return { tool, model: profileModel(parseProfile(text, read), opts.goVersion) }
    case 'gctrace':
      return {
        tool,
        model: gctraceModel(
          parseGctrace(text, read),
          { gogc: opts.gogc, memoryLimit: opts.memoryLimit },
          opts.goVersion,
        ),
      }
  }
}

/** Messages between the page and the tools worker. */
export type ToWorker = { id: number; tool: ToolName; text: string; opts: AnalyzeOptions }
export type FromWorker =
  | { id: number; type: 'progress'; fraction: number }
  | { id: number; type: 'result'; result: ToolResult }
  | { id: number; type: 'error'; message: string }
