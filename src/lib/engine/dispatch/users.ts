/**
 * User and group lookups. RUN, WORKDIR (BuildKit) and COPY --chown resolve
 * names in the image's /etc/passwd and /etc/group and fail when a name is
 * missing; numeric ids always work. Only the oracle stand-in image has a known
 * passwd file; for real images we cannot know, so names are assumed to exist.
 */
import type { StageFs } from '../fs';
import type { ImageModel } from '../types';

function hasEntry(text: string | null, name: string): boolean {
  if (text === null) return true;
  return text.split('\n').some((line) => line.split(':')[0] === name);
}

/** The daemon's error when a `user[:group]` cannot be resolved, or null. */
export function userError(user: string, fs: StageFs, model: ImageModel): string | null {
  if (!user || model !== 'oracle') return null;
  const [name, group] = user.split(':');
  if (name && !/^\d+$/.test(name) && !hasEntry(fs.readText('/etc/passwd'), name)) {
    return `unable to find user ${name}: no matching entries in passwd file`;
  }
  if (group && !/^\d+$/.test(group) && !hasEntry(fs.readText('/etc/group'), group)) {
    return `unable to find group ${group}: no matching entries in group file`;
  }
  return null;
}
