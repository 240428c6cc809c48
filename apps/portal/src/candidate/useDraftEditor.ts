import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { InstallationRequest, InstallationRequestDraft } from '@guichet/contracts';
import { candidateApi } from '../api/intake.js';
import { onBeforeLogout } from '../auth/logout-hooks.js';
import { useSession } from '../auth/session-context.js';
import { DraftSaver } from './draft-saver.js';
import type { SaveState } from './draft-saver.js';
import { setAt } from '../ui/form/paths.js';
import type { FieldPath } from '../ui/form/paths.js';
import { clearLocalCopy, mergePrefill, readLocalCopy, resumeDraft, unsavedTyping, writeLocalCopy } from './local-copy.js';
import { draftErrors } from './validation.js';

export interface DraftEditor {
  request: InstallationRequest;
  data: InstallationRequestDraft;
  saveState: SaveState;
  restored: boolean;
  editable: boolean;
  update(path: FieldPath, value: unknown): void;
  flush(): Promise<SaveState>;
  retryNow(): void;
  /** The server has the request (submitted): the local copy is no longer needed. */
  forgetLocalCopy(): void;
  setRequest(request: InstallationRequest): void;
}

const editableStatuses = new Set(['draft', 'awaiting_candidate']);

export function useDraftEditor(initial: InstallationRequest, prefill: InstallationRequestDraft | null): DraftEditor {
  const { principal, intake } = useSession();
  const userId = principal.id;
  const api = useMemo(() => candidateApi(intake), [intake]);
  const [start] = useState(() => {
    const resumed = resumeDraft(initial, readLocalCopy(unsavedTyping, userId));
    const data = prefill ? mergePrefill(resumed.data, prefill) : resumed.data;
    return { data, restored: resumed.restored, mustSave: resumed.restored || data !== resumed.data };
  });
  const [data, setData] = useState<InstallationRequestDraft>(start.data);
  const [request, setRequest] = useState(initial);
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'saved', at: null });
  const dataRef = useRef(data);
  const saverRef = useRef<DraftSaver | null>(null);
  const editable = editableStatuses.has(request.status);

  useEffect(() => {
    if (!editableStatuses.has(initial.status)) return;
    const saver = new DraftSaver(
      {
        update: (version, body) => api.update(initial.id, version, body),
        reload: () => api.get(initial.id),
        validate: draftErrors,
        keepLocally: (copy) => writeLocalCopy(unsavedTyping, userId, copy),
        schedule: (run, delayMs) => {
          const timer = setTimeout(run, delayMs);
          return () => clearTimeout(timer);
        },
        now: () => new Date(),
        onState: setSaveState,
        onServer: setRequest,
      },
      initial.id,
      { version: initial.version, data: initial.data },
    );
    saverRef.current = saver;
    if (start.mustSave) saver.resume(dataRef.current);
    return () => {
      saver.dispose();
      saverRef.current = null;
    };
  }, [api, initial.id, initial.status, initial.version, initial.data, userId, start.mustSave]);

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (saverRef.current?.hasUnsavedChanges) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    const unregister = onBeforeLogout((id) => {
      if (saverRef.current?.hasUnsavedChanges) {
        return window.confirm(
          'Des modifications ne sont pas encore enregistrées sur le serveur : elles seront perdues. Se déconnecter quand même ?',
        );
      }
      clearLocalCopy(unsavedTyping, id);
      return true;
    });
    return () => {
      window.removeEventListener('beforeunload', warn);
      unregister();
    };
  }, []);

  const update = useCallback((path: FieldPath, value: unknown) => {
    const next = setAt(dataRef.current, path, value);
    dataRef.current = next;
    setData(next);
    saverRef.current?.change(next);
  }, []);

  return {
    request,
    data,
    saveState,
    restored: start.restored,
    editable,
    update,
    flush: () => saverRef.current?.flush() ?? Promise.resolve(saveState),
    retryNow: () => saverRef.current?.retryNow(),
    forgetLocalCopy: () => clearLocalCopy(unsavedTyping, userId),
    setRequest,
  };
}
