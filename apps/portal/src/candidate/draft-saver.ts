import type { FieldError, InstallationRequest, InstallationRequestDraft } from '@guichet/contracts';
import type { ApiResult } from '../api/http.js';
import type { LocalCopy } from './local-copy.js';

export type SaveState =
  | { kind: 'saved'; at: Date | null }
  | { kind: 'pending'; keptLocally: boolean }
  | { kind: 'saving' }
  | { kind: 'invalid'; errors: FieldError[] }
  | { kind: 'retrying'; attempt: number; retryAt: Date; reason: string }
  | { kind: 'blocked'; reason: string };

export interface SaverDeps {
  update(version: number, data: InstallationRequestDraft): Promise<ApiResult<InstallationRequest>>;
  reload(): Promise<ApiResult<InstallationRequest>>;
  /** Field errors of the draft schema; none means the server will accept it. */
  validate(data: InstallationRequestDraft): FieldError[];
  keepLocally(copy: LocalCopy): boolean;
  schedule(run: () => void, delayMs: number): () => void;
  now(): Date;
  onState(state: SaveState): void;
  onServer(request: InstallationRequest): void;
}

export const debounceMs = 800;

/** 2 s, 4 s, 8 s, 16 s, then every 30 s: a failed save is always tried again. */
export function retryDelayMs(attempt: number): number {
  return Math.min(30_000, 2_000 * 2 ** Math.max(0, attempt - 1));
}

/**
 * Saves a draft as the person types: a local copy first (nothing typed is lost if the tab
 * closes or the network fails), then the server after a short pause, with If-Match. Failures are
 * shown and retried; a version conflict takes the server's new version and saves this tab's data
 * over it, since this tab holds the latest typing.
 */
export class DraftSaver {
  private version: number;
  private data: InstallationRequestDraft;
  private inFlight = false;
  private again = false;
  private attempt = 0;
  private cancelTimer: (() => void) | null = null;
  private disposed = false;
  private state: SaveState = { kind: 'saved', at: null };

  constructor(
    private readonly deps: SaverDeps,
    private readonly requestId: string,
    request: { version: number; data: InstallationRequestDraft },
  ) {
    this.version = request.version;
    this.data = request.data;
  }

  get current(): SaveState {
    return this.state;
  }

  get hasUnsavedChanges(): boolean {
    return this.state.kind !== 'saved';
  }

  /** The person changed something: keep it locally at once, save it after a pause. */
  change(data: InstallationRequestDraft): void {
    this.data = data;
    this.setState({ kind: 'pending', keptLocally: this.deps.keepLocally(this.copy(false)) });
    this.arm(debounceMs);
  }

  /** Restored local changes are saved as soon as the page opens. */
  resume(data: InstallationRequestDraft): void {
    this.data = data;
    this.setState({ kind: 'pending', keptLocally: this.deps.keepLocally(this.copy(false)) });
    this.arm(0);
  }

  retryNow(): void {
    this.arm(0);
  }

  /** Saves now (before submitting, or leaving the form); resolves once the server answered. */
  async flush(): Promise<SaveState> {
    this.cancelTimer?.();
    this.cancelTimer = null;
    if (this.inFlight) {
      this.again = true;
      return this.state;
    }
    const errors = this.deps.validate(this.data);
    if (errors.length > 0) {
      this.setState({ kind: 'invalid', errors });
      return this.state;
    }
    const sent = this.data;
    this.inFlight = true;
    this.setState({ kind: 'saving' });
    let result = await this.deps.update(this.version, sent);
    if (!result.ok && result.status === 409) {
      const latest = await this.deps.reload();
      if (latest.ok) {
        this.version = latest.data.version;
        result = await this.deps.update(this.version, sent);
      }
    }
    this.inFlight = false;
    if (this.disposed) return this.state;
    this.handle(result, sent);
    if (this.again && this.data !== sent && this.state.kind === 'pending') this.arm(0);
    this.again = false;
    return this.state;
  }

  dispose(): void {
    this.disposed = true;
    this.cancelTimer?.();
  }

  private handle(result: ApiResult<InstallationRequest>, sent: InstallationRequestDraft): void {
    if (result.ok) {
      this.attempt = 0;
      this.version = result.data.version;
      this.deps.onServer(result.data);
      if (this.data === sent) {
        this.deps.keepLocally(this.copy(true));
        this.setState({ kind: 'saved', at: this.deps.now() });
      } else {
        this.setState({ kind: 'pending', keptLocally: true });
        this.arm(debounceMs);
      }
      return;
    }
    const { status, problem } = result;
    if ((status === 400 || status === 422) && problem.errors?.length) {
      this.setState({ kind: 'invalid', errors: problem.errors });
      return;
    }
    if (status === 403 || status === 404 || status === 409) {
      this.setState({ kind: 'blocked', reason: problem.detail ?? problem.title });
      return;
    }
    this.attempt += 1;
    const delay = retryDelayMs(this.attempt);
    const reason = status === 401 ? 'Votre session a expiré : reconnectez-vous pour enregistrer.' : (problem.detail ?? problem.title);
    this.setState({ kind: 'retrying', attempt: this.attempt, retryAt: new Date(this.deps.now().getTime() + delay), reason });
    this.arm(delay);
  }

  private arm(delayMs: number): void {
    if (this.disposed) return;
    this.cancelTimer?.();
    this.cancelTimer = this.deps.schedule(() => {
      this.cancelTimer = null;
      void this.flush();
    }, delayMs);
  }

  private copy(confirmed: boolean): LocalCopy {
    return { requestId: this.requestId, baseVersion: this.version, data: this.data, confirmed, changedAt: this.deps.now().toISOString() };
  }

  private setState(state: SaveState): void {
    this.state = state;
    this.deps.onState(state);
  }
}
