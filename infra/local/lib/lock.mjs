import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isAlive } from './processes.mjs';
import { StackError } from './stack-error.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function lockMtime(lockDir) {
  try {
    return statSync(lockDir).mtimeMs;
  } catch {
    return Date.now();
  }
}

/**
 * Serialises `up` and `down` between processes (several people and test runs share one stack):
 * a directory created atomically, holding the owner's pid so a crashed owner does not block.
 */
export async function withLock(lockDir, { timeoutMs = 15 * 60_000, onWait = () => {} }, action) {
  const owner = path.join(lockDir, 'pid');
  const deadline = Date.now() + timeoutMs;
  let announced = false;
  for (;;) {
    try {
      mkdirSync(path.dirname(lockDir), { recursive: true });
      mkdirSync(lockDir);
      writeFileSync(owner, `${process.pid}\n`);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      let holder = NaN;
      try {
        holder = Number.parseInt(readFileSync(owner, 'utf8'), 10);
      } catch {
        // the owner is between mkdir and writing its pid
      }
      const ownerless = !Number.isInteger(holder) && Date.now() - lockMtime(lockDir) > 10_000;
      if (ownerless || (Number.isInteger(holder) && !isAlive(holder))) {
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new StackError(`another stack command (pid ${holder}) still holds ${lockDir}`);
      if (!announced && Number.isInteger(holder)) {
        onWait(holder);
        announced = true;
      }
      await sleep(500);
    }
  }
  try {
    return await action();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
