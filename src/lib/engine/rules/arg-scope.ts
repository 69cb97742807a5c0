/**
 * Rule: where an ARG is in scope, what value it has, and which keys it reaches.
 *
 * - An ARG is visible from its declaration to the end of its stage. Its value is
 *   the `--build-arg` if one is given, else its own default, else (for a bare
 *   `ARG X`) the value of the global ARG X declared before the first FROM. With
 *   none of these it has no value and changes nothing.
 * - BuildKit puts every ARG with a value into the LLB environment (a re-declared
 *   name moves to the end, and a later ARG overrides an earlier ENV), so a new
 *   value misses the first RUN after it whether or not the command mentions it;
 *   COPY, ADD and WORKDIR carry no environment and still hit. A child stage
 *   (`FROM <stage>`) inherits the values.
 * - The legacy builder keeps ARGs out of the image config: a RUN's command is
 *   prefixed with `|N K=v...`, sorted, for the ARGs with a value that no ENV
 *   (the image's included) shadows. Undeclared proxy build args count towards
 *   whether there is a prefix but are not listed, so the first build that
 *   passes one misses with `|0`. Every FROM starts the ARG scope afresh.
 *
 * Oracle scenarios: arg-build-arg-value-unused-by-run, arg-default-edited,
 * arg-global-redeclared-one-stage, arg-in-parent-stage, arg-before-from-tag,
 * arg-in-copy-source-path, env-shadows-arg, env-from-changing-arg,
 * proxy-build-args, lesson-arg-and-env.
 */
import type { ParsedDockerfile } from '../parse';
import { lookupIn, type EnvLookup, type LexResult } from '../shell-lex';
import { addEnv, type DispatchEnv, type EnvVar, type StageState } from '../dispatch/state';
import type { Builder } from '../types';

/** The legacy builder's predefined build args, allowed without an ARG (builtinAllowedBuildArgs). */
const PROXY_ARGS = new Set([
  'HTTP_PROXY',
  'http_proxy',
  'HTTPS_PROXY',
  'https_proxy',
  'FTP_PROXY',
  'ftp_proxy',
  'NO_PROXY',
  'no_proxy'
]);

/**
 * Declares the ARGs of one instruction (`pairs` as written, values unexpanded).
 * `expand` expands a default with the variables in scope. Returns the stage's
 * next env and ARG list, and the text the legacy config records, or an error.
 */
export function declareArgs(
  pairs: Array<{ key: string; value: string | null }>,
  s: StageState,
  env: DispatchEnv,
  expand: (text: string) => LexResult
): { env: EnvVar[]; args: StageState['args']; texts: string[] } | { error: string } {
  let next = s.env;
  const args = s.args.filter(([n]) => !pairs.some((p) => p.key === n));
  const texts: string[] = [];
  for (const { key, value } of pairs) {
    let def: string | undefined;
    if (value !== null) {
      const r = expand(value);
      if (!r.ok) return { error: r.error ?? 'bad ARG value' };
      def = r.word;
    }
    let v = Object.prototype.hasOwnProperty.call(env.buildArgs, key) ? env.buildArgs[key] : def;
    if (v === undefined && env.plan.meta.has(key)) v = env.plan.meta.get(key);
    if (v !== undefined && env.builder === 'buildkit') next = addEnv(next, key, v, 'arg');
    args.push([key, v]);
    texts.push(value !== null ? `${key}=${def}` : key);
  }
  return { env: next, args, texts };
}

/** The ARGs a stage starts with when it continues another stage. */
export function inheritedArgs(base: StageState, builder: Builder): StageState['args'] {
  return builder === 'buildkit' ? base.args : [];
}

/** What instruction arguments expand with: BuildKit, the LLB env; legacy, ENV plus the ARGs it does not shadow. */
export function expansionEnv(s: StageState, builder: Builder): EnvLookup {
  return lookupIn((builder === 'buildkit' ? s.env : legacyArgEnv(s)).map(([n, v]) => [n, v] as const));
}

/** Legacy: the ARGs with a value that no ENV (the image's included) shadows, in declaration order. */
function unshadowedArgs(s: StageState): Array<[string, string]> {
  const names = new Set(s.env.map(([n]) => n));
  return s.args.filter((a): a is [string, string] => a[1] !== undefined && !names.has(a[0]));
}

/** Legacy: ENV (the image's included), then the ARGs with a value that ENV does not shadow. */
export function legacyArgEnv(s: StageState): EnvVar[] {
  return [
    ...s.env.map(([n, v, o]): EnvVar => [n, v, o]),
    ...unshadowedArgs(s).map(([n, v]): EnvVar => [n, v, 'arg'])
  ];
}

/** Legacy: the `|N K=v...` words a RUN's command is prefixed with in its cache key (none when no ARG applies). */
export function legacyRunPrefix(s: StageState, buildArgs: Record<string, string>): string[] {
  const envNames = new Set(s.env.map(([n]) => n));
  const declared = new Set(s.args.map(([n]) => n));
  const valued = unshadowedArgs(s)
    .map(([n, v]) => `${n}=${v}`)
    .sort();
  const proxyGiven = Object.keys(buildArgs).some(
    (k) => PROXY_ARGS.has(k) && !declared.has(k) && !envNames.has(k)
  );
  return valued.length || proxyGiven ? [`|${valued.length}`, ...valued] : [];
}

/** Legacy: the build args no ARG of the Dockerfile declares (the daemon warns they "were not consumed"). */
export function unconsumedBuildArgs(parsed: ParsedDockerfile, buildArgs: Record<string, string>): string[] {
  const declared = new Set(
    parsed.instructions
      .filter((i) => i.keyword === 'ARG')
      .flatMap((i) => i.args.split(/\s+/).map((w) => w.split('=')[0]))
  );
  return Object.keys(buildArgs).filter((k) => !declared.has(k) && !/^(HTTPS?|FTP|NO)_PROXY$/i.test(k));
}
