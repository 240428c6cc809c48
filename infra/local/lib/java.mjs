import path from 'node:path';
import { capture } from './commands.mjs';
import { StackError } from './stack-error.mjs';

export function javaCommand() {
  return process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

/** Fails with one line unless a JDK of at least `minimum` is on JAVA_HOME or PATH. */
export async function requireJava(component, minimum) {
  const output = await capture(javaCommand(), ['-version']);
  if (output === null) throw new StackError(`${component}: java not found (install a JDK ${minimum}+ or set JAVA_HOME)`);
  const match = /version "(\d+)(?:\.(\d+))?/.exec(output);
  const major = match ? (match[1] === '1' ? Number(match[2]) : Number(match[1])) : 0;
  if (major < minimum) throw new StackError(`${component}: Java ${major} found, Java ${minimum}+ required (set JAVA_HOME)`);
}
