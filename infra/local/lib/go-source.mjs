import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { capture, runLogged } from './commands.mjs';
import { shown } from './paths.mjs';
import { StackError } from './stack-error.mjs';

/** Pure-Go builds (no C toolchain needed), no VCS stamping: the sources built are a copy. */
export function goEnv() {
  return { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-buildvcs=false' };
}

function makeWritable(dir) {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir)) {
    const file = path.join(dir, entry);
    if (statSync(file).isDirectory()) makeWritable(file);
    else chmodSync(file, 0o644);
  }
}

/**
 * A Go command of a component's provisioning, its output in the component's provision log.
 * `name` prefixes the messages; `missingHint` says how to do without Go.
 */
export function goRunner({ name, logFile, missingHint }) {
  return (args, cwd, what, timeoutMs = 20 * 60_000) => runLogged('go', args, { cwd, env: goEnv(), logFile, timeoutMs, what: `${name}: ${what}`, missingHint });
}

/**
 * The source of `modulePath@version` in `<buildDir>/src`, writable. `go install …@version` is not
 * used: it reads the module's version list for deprecation notices, which the Go proxy refuses for
 * some modules. A scratch module fetches the exact version instead (`getPath`: the package to
 * `go get`, the module by default), and the source is copied out of the read-only module cache so
 * that files can be generated or patched before the build.
 */
export async function moduleSource({ name, modulePath, version, getPath = modulePath, buildDir, logFile, missingHint }) {
  const go = goRunner({ name, logFile, missingHint });
  mkdirSync(buildDir, { recursive: true });
  if (!existsSync(path.join(buildDir, 'go.mod'))) await go(['mod', 'init', `local/${name}-build`], buildDir, 'go mod init');
  await go(['get', `${getPath}@${version}`], buildDir, `download of ${modulePath} ${version} from the Go module proxy`);
  const moduleDir = (await capture('go', ['list', '-m', '-f', '{{.Dir}}', modulePath], { cwd: buildDir, env: goEnv() }))?.trim();
  if (!moduleDir) throw new StackError(`${name}: module ${modulePath}@${version} not found in the Go module cache (see ${shown(logFile)})`);
  const sourceDir = path.join(buildDir, 'src');
  rmSync(sourceDir, { recursive: true, force: true });
  cpSync(moduleDir, sourceDir, { recursive: true });
  makeWritable(sourceDir);
  return sourceDir;
}
