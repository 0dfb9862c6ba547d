import { createRequire } from "node:module";

/**
 * Imported first by main.ts, before cdktf loads. Two costs of a synth that say nothing about its output, both kept
 * when LANDING_ZONE_DEBUG=1 is set:
 *
 * - Source maps. With them on (tsx turns them on) every stack trace maps each frame back to TypeScript. Off, stack
 *   traces of our own errors point at tsx's JavaScript instead of the TypeScript source.
 * - cdktf's token creation stacks. cdktf captures a full stack trace for every token, reference and lazy value it
 *   creates (constructs' `captureStackTrace`, copied into cdktf), even with `stackTraces: false`, which only keeps
 *   them out of the metadata. It is only ever shown in the message of an error about that token. It cost 18-21% of
 *   the CPU of a synth at every size. `Error.stackTraceLimit = 0` does not stop it: the function sets the limit to
 *   Number.MAX_SAFE_INTEGER around its own capture. So the module's exported function is replaced by one that
 *   returns no frames; cdktf's modules call it through their `exports` object, so they all get the replacement.
 */
const CDKTF_STACK_TRACE_MODULE = "cdktf/lib/tokens/private/stack-trace";

/** Whether stack traces stay as they are: set LANDING_ZONE_DEBUG=1 to debug a synth. */
export const DEBUG = process.env.LANDING_ZONE_DEBUG !== undefined;

/**
 * Makes cdktf record an empty creation stack for every token. Returns whether it could: a cdktf (or CDK Terrain)
 * without that module keeps its behaviour, and only the speed-up is lost.
 */
export function skipTokenCreationStacks(): boolean {
  try {
    const stackTrace = createRequire(__filename)(CDKTF_STACK_TRACE_MODULE) as { captureStackTrace?: unknown };
    if (typeof stackTrace.captureStackTrace !== "function") return false;
    stackTrace.captureStackTrace = (): string[] => [];
    return true;
  } catch {
    return false;
  }
}

if (!DEBUG) {
  process.setSourceMapsEnabled(false);
  skipTokenCreationStacks();
}
