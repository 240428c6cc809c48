import { runLogged } from './commands.mjs';

// Two Maven runs writing the same artefacts into ~/.m2 at once can corrupt them: one at a time.
let queue = Promise.resolve();

export function mavenCopyDependencies({ pom, outputDirectory, logFile, what }) {
  const run = () =>
    runLogged('mvn', ['-q', '-B', '-f', pom, 'dependency:copy-dependencies', `-DoutputDirectory=${outputDirectory}`], {
      logFile,
      timeoutMs: 20 * 60_000,
      what,
      missingHint: 'install Apache Maven 3.8+',
    });
  const result = queue.then(run, run);
  queue = result.catch(() => {});
  return result;
}
