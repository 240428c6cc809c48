import { Router } from 'express';

export interface ReadinessCheck {
  /** Shown in the readiness body, e.g. `mongodb`, `kafka`. */
  name: string;
  check(): Promise<boolean> | boolean;
}

export type CheckState = 'up' | 'down';

// The shape of `HealthStatus` in contracts/schemas/common.json: checks in the order they were declared.
export interface ReadinessReport {
  status: CheckState;
  checks: { name: string; status: CheckState }[];
}

async function runCheck(check: ReadinessCheck, timeoutMs: number): Promise<CheckState> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return (await Promise.race([Promise.resolve().then(() => check.check()), timeout])) ? 'up' : 'down';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

export async function checkReadiness(checks: readonly ReadinessCheck[], timeoutMs = 2000): Promise<ReadinessReport> {
  const states = await Promise.all(checks.map(async (c) => ({ name: c.name, status: await runCheck(c, timeoutMs) })));
  const status: CheckState = states.every((state) => state.status === 'up') ? 'up' : 'down';
  return { status, checks: states };
}

export function healthRoutes(readiness: readonly ReadinessCheck[]): Router {
  const router = Router();
  router.get('/health/live', (_req, res) => {
    res.status(200).json({ status: 'up' });
  });
  router.get('/health/ready', async (_req, res) => {
    const report = await checkReadiness(readiness);
    res.status(report.status === 'up' ? 200 : 503).json(report);
  });
  return router;
}
