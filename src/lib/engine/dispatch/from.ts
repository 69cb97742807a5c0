/**
 * FROM: where a stage starts. An image starts from its config (Env, with PATH
 * always set in BuildKit) and its files; `FROM <stage>` continues that stage's
 * state (BuildKit keeps its ARG values in the environment; the legacy builder
 * starts the ARG scope afresh); `scratch` is empty.
 */
import { StageFs } from '../fs';
import { DEFAULT_PATH, type ImageModelSpec } from '../images';
import type { Builder } from '../types';
import { inheritedArgs } from '../rules/arg-scope';
import type { StageState } from './state';

/** The empty image a `FROM scratch` stage starts from. */
export function scratchImage(): ImageModelSpec {
  return { model: 'generic', digest: 'sha256:scratch', env: [], files: new Map() };
}

/** The state of a stage that starts from an image (or scratch, when `image` is null). */
export function stateFromImage(image: ImageModelSpec | null, builder: Builder): StageState {
  const spec: ImageModelSpec = image ?? scratchImage();
  const env: StageState['env'] = spec.env.map(([n, v]) => [n, v, 'image']);
  if (builder === 'buildkit' && !env.some(([n]) => n === 'PATH')) env.push(['PATH', DEFAULT_PATH, 'image']);
  return { env, args: [], cwd: '/', workdir: '', user: '', shell: null, fs: new StageFs(spec), onbuild: [] };
}

/** The state of a stage that starts from another stage's final state. */
export function stateFromStage(base: StageState, builder: Builder): StageState {
  return { ...base, args: inheritedArgs(base, builder), onbuild: [] };
}
