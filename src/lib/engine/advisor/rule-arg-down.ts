/**
 * An ARG just above its first use: BuildKit puts every ARG with a value into
 * the environment of each later RUN, and the legacy builder into each later
 * RUN's cache key, so a new value reruns every RUN after the ARG, used or not.
 * The ARG moves down past instructions that do not mention it; it stops at the
 * first that does, at an ARG or ENV of the same name, at ONBUILD, and at a RUN
 * when its name is one that tools read from the environment without being
 * told (NODE_ENV, PIP_INDEX_URL, GOFLAGS, proxies, VITE_* and the like), since
 * such a RUN uses it without mentioning it.
 */
import { afterStage, blockOf, linesOf, moveBlock } from './edit';
import { argNames, envNames, mentions } from './model';
import type { Candidate, RuleContext, RuleResult } from './rule-types';

/**
 * Environment variables that programs read on their own. A judgement: the
 * prefixes of the build tools Layer Lab knows, locale, proxies, compilers, and
 * the variables front-end bundlers bake into the bundle, and git's own
 * (GIT_DIR, GIT_SSH_COMMAND..., not any name that starts with GIT_).
 */
const IMPLICIT =
  /^(HTTPS?_PROXY|FTP_PROXY|NO_PROXY|ALL_PROXY|PATH|HOME|USER|SHELL|TERM|TZ|LANG|LANGUAGE|CC|CXX|CFLAGS|CXXFLAGS|CPPFLAGS|LDFLAGS|MAKEFLAGS|SOURCE_DATE_EPOCH|CI|ENV|ENVIRONMENT|APP_ENV|MIX_ENV|DEBIAN_FRONTEND|REQUESTS_CA_BUNDLE|NODE_EXTRA_CA_CERTS|VIRTUAL_ENV)$|^(NPM_CONFIG_|YARN_|PNPM_|NODE_|PIP_|PYTHON|UV_|POETRY_|PIPENV_|CONDA_|GO|CGO_|CARGO_|RUST|MAVEN_|MVN_|GRADLE_|JAVA_|JDK_|DOTNET_|NUGET_|ASPNETCORE_|BUNDLE_|GEM_|RUBY|RAILS_|RACK_|COMPOSER_|PHP_|APT_|LC_|SSL_|CURL_|GIT_(DIR|WORK_TREE|INDEX_FILE|OBJECT_DIRECTORY|ALTERNATE|AUTHOR_|COMMITTER_|SSH|ASKPASS|TERMINAL_PROMPT|CONFIG|TRACE|SSL_|HTTP_|PROXY|EXEC_PATH|NAMESPACE|CEILING|LFS_)|BUILDKIT_|DOCKER_|TARGET|BUILD(PLATFORM|OS|ARCH|VARIANT)|PKG_CONFIG|FLASK_|DJANGO_|NEXT_|VITE_|REACT_APP_|VUE_APP_|NUXT_|GATSBY_|PUBLIC_|ANGULAR_)/i;

export function isImplicitEnv(name: string): boolean {
  return IMPLICIT.test(name);
}

export function argDown(rc: RuleContext): RuleResult {
  const candidates: Candidate[] = [];
  const escape = rc.view.parsed.escape;
  for (const stage of rc.view.stages) {
    stage.body.forEach((placed, i) => {
      if (placed.ins.keyword !== 'ARG') return;
      const names = argNames(placed.ins, escape);
      const implicit = names.some(isImplicitEnv);
      let stop = stage.body.length;
      for (let j = i + 1; j < stage.body.length; j++) {
        const ins = stage.body[j].ins;
        const sameName =
          (ins.keyword === 'ARG' && argNames(ins, escape).some((n) => names.includes(n))) ||
          (ins.keyword === 'ENV' && envNames(ins, escape).some((n) => names.includes(n)));
        if (
          names.some((n) => mentions(ins, n)) ||
          sameName ||
          ins.keyword === 'ONBUILD' ||
          (ins.keyword === 'RUN' && implicit)
        ) {
          stop = j;
          break;
        }
      }
      if (stop === i + 1) return;
      const lines = linesOf(rc.view.text);
      const at =
        stop < stage.body.length
          ? blockOf(lines, stage.body[stop].ins).start
          : afterStage(stage.body[stage.body.length - 1].ins);
      const out = moveBlock(lines, blockOf(lines, placed.ins), at);
      const where =
        stop < stage.body.length
          ? `just above \`${stage.body[stop].ins.original}\`, its first use`
          : 'to the end of its stage, since nothing in the stage uses it';
      candidates.push({
        kind: 'arg-down',
        title: `Move \`${placed.ins.original}\` down to where it is used`,
        detail: `A new value of ${names.join(', ')} reruns every RUN after the ARG, whether it uses it or not. Moved ${where}, the steps before keep their cache. None of the instructions it moves past mentions ${names.length > 1 ? 'them' : 'it'}.`,
        lines: [placed.ins.range.line],
        dockerfile: out.join('\n'),
        ignore: []
      });
    });
  }
  return { candidates, skipped: [] };
}
