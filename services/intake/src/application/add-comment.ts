import type { Comment, CommentCreate } from '@guichet/contracts';
import type { Caller } from './caller.js';
import { runCommand, type CommandDeps } from './run-command.js';
import type { Result } from './result.js';

/** An internal comment: caseworkers read it, the candidate never does. */
export async function addComment(deps: CommandDeps, caller: Caller, caseId: string, comment: CommentCreate): Promise<Result<Comment>> {
  const commentId = deps.runtime.newId();
  const authorName = caller.as === 'caseworker' ? caller.name : undefined;
  const data = { commentId, text: comment.text, ...(authorName === undefined ? {} : { authorName }) };
  const outcome = await runCommand(deps, { caseId, caller, command: { type: 'add-comment', data } });
  if (!outcome.ok) return outcome;
  const added = outcome.value.state.comments.find((candidate) => candidate.id === commentId);
  if (!added) throw new Error('commentaire absent après son ajout');
  return { ok: true, value: added };
}
