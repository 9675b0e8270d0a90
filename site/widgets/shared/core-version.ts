/**
 * The page's Go version as the core takes it: the version itself when the core models it, else
 * the core's default (so a page switched to a release the core does not model still draws, with
 * the nearest rules it has). Asked of the core itself, so it follows the core as it grows.
 */
import { Runtime, type GoVersion } from '@go-alloc/core'

const known = new Map<string, GoVersion>()

export function coreGoVersion(v: string): GoVersion {
  let got = known.get(v)
  if (got === undefined) {
    try {
      got = new Runtime({ goVersion: v as GoVersion }).goVersion
    } catch {
      got = new Runtime().goVersion
    }
    known.set(v, got)
  }
  return got
}
