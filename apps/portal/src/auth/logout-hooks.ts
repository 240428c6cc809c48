// Parts of the portal that keep data on this device (the draft's local copy) register here to
// be asked before a logout: they may warn the person, and forget what the server already has.
type BeforeLogout = (userId: string) => boolean;

const hooks = new Set<BeforeLogout>();

export function onBeforeLogout(hook: BeforeLogout): () => void {
  hooks.add(hook);
  return () => hooks.delete(hook);
}

/** False when a hook asked to stay signed in. */
export function beforeLogout(userId: string): boolean {
  for (const hook of hooks) if (!hook(userId)) return false;
  return true;
}
