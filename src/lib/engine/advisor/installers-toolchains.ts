/**
 * Go modules, Maven, Bundler and .NET restores: the manifests and lock files
 * each reads, and the forms that make them read the source too.
 */
import { fail, flagValues, optional, positional, required, type Acc, type FileLookup } from './install-kit';

/** `go mod download`: go.mod and go.sum (a build, install, test or vet reads the whole source and is never moved). */
export function go(args: string[], acc: Acc, file: FileLookup): void {
  if (args[0] === 'build' || args[0] === 'install' || args[0] === 'test' || args[0] === 'vet') {
    // Reads the whole source: never moved, but its build cache can be mounted.
    acc.readsContext = true;
    return fail(`go ${args[0]} compiles the source`);
  }
  if (args[0] === 'env' || args[0] === 'version') return;
  if (args[0] !== 'mod' || args[1] !== 'download')
    return fail(`go ${args[0] ?? ''} is not a download the advisor knows`);
  acc.ecosystems.add('go');
  if (/^\s*replace\b[^\n]*=>\s*\.{0,2}\//m.test(required(acc, file, 'go.mod')))
    fail('go.mod replaces a module with a local directory');
  if (file('go.work') !== null) fail('a go.work workspace reads other directories');
  optional(acc, file, 'go.sum');
}

/** Maven's dependency goals (`cmd` is mvn or ./mvnw): pom.xml, the wrapper and .mvn config; modules or a local parent read more. */
export function maven(cmd: string, args: string[], acc: Acc, file: FileLookup): void {
  const goals = args.filter((a) => !a.startsWith('-'));
  if (
    !goals.length ||
    !goals.every((g) =>
      /^(dependency:(go-offline|resolve|resolve-plugins)|de\.qaware\.maven:go-offline-maven-plugin:resolve-dependencies)$/.test(
        g
      )
    )
  )
    fail('mvn with goals other than dependency:go-offline builds the source');
  acc.ecosystems.add('java');
  const pom = required(acc, file, 'pom.xml');
  if (/<modules>|<relativePath>\s*[^<\s]/.test(pom))
    fail('pom.xml has modules or a local parent, which read other directories');
  if (cmd.includes('mvnw')) {
    required(acc, file, 'mvnw');
    optional(acc, file, '.mvn/wrapper/maven-wrapper.properties', '.mvn/wrapper/maven-wrapper.jar');
  }
  optional(acc, file, '.mvn/maven.config', '.mvn/extensions.xml', '.mvn/jvm.config');
}

/** `bundle install`: Gemfile and Gemfile.lock, unless the Gemfile names local code (gemspec, path:). */
export function bundle(args: string[], acc: Acc, file: FileLookup): void {
  const sub = args.find((a) => !a.startsWith('-'));
  if (sub === 'config') return;
  if (sub !== undefined && sub !== 'install') return fail(`bundle ${sub} is not an install`);
  acc.ecosystems.add('ruby');
  if (/^\s*gemspec\b|path:|:path\s*=>|git:\s*['"]\.|^\s*eval_gemfile/m.test(required(acc, file, 'Gemfile')))
    fail('the Gemfile reads a gemspec or local paths');
  optional(acc, file, 'Gemfile.lock', '.bundle/config');
  if (!args.includes('--frozen') && !args.includes('--deployment')) acc.writes.add('Gemfile.lock');
  if (args.includes('--deployment') || flagValues(args, ['--path']).length) acc.writes.add('vendor');
}

/** `dotnet restore` of one project file: it, and the NuGet config and Directory props at the root and beside it. */
export function dotnet(args: string[], acc: Acc, file: FileLookup): void {
  if (args[0] !== 'restore') {
    return fail(`dotnet ${args[0] ?? ''} builds the source`);
  }
  acc.ecosystems.add('dotnet');
  const proj = positional(args.slice(1), [
    '-r',
    '--runtime',
    '-s',
    '--source',
    '--configfile',
    '-p',
    '--packages',
    '-v',
    '--verbosity'
  ]);
  if (proj.length !== 1 || !/\.(cs|fs|vb)proj$/.test(proj[0]))
    fail('dotnet restore of a solution or a directory reads every project in it');
  const text = required(acc, file, proj[0]);
  if (/<ProjectReference\b/.test(text)) fail('the project references other projects');
  const dir = proj[0].includes('/') ? proj[0].slice(0, proj[0].lastIndexOf('/') + 1) : '';
  optional(
    acc,
    file,
    'nuget.config',
    'NuGet.Config',
    'Directory.Build.props',
    'Directory.Packages.props',
    'global.json'
  );
  if (dir)
    optional(
      acc,
      file,
      `${dir}nuget.config`,
      `${dir}Directory.Build.props`,
      `${dir}Directory.Packages.props`
    );
  acc.writes.add(`${dir}obj`);
}
