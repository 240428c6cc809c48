import type { NextFunction, Request, Response } from 'express';
import { ForbiddenProblem, ServiceUnavailableProblem, UnauthorizedProblem } from '../http/problems.js';
import type { Role } from './principal.js';
import { TokenRejected, type TokenVerifier } from './token-verifier.js';

const DETAILS: Record<TokenRejected['reason'], string> = {
  expired: 'Votre session a expiré ; reconnectez-vous.',
  'invalid-signature': "Le jeton d'accès n'a pas une signature valide.",
  'wrong-audience': "Le jeton d'accès n'est pas destiné à ce service.",
  'wrong-issuer': "Le jeton d'accès n'a pas été émis par le fournisseur d'identité attendu.",
  malformed: "Le jeton d'accès est illisible ou incomplet.",
};

const bearer = (req: Request): string | undefined => /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];

export function authenticate(verifier: TokenVerifier) {
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    const token = bearer(req);
    if (token === undefined) {
      next(new UnauthorizedProblem('Authentification requise : en-tête Authorization: Bearer <jeton> absent.', { tokenPresented: false }));
      return;
    }
    try {
      req.principal = await verifier.verify(token);
    } catch (error) {
      if (!(error instanceof TokenRejected)) {
        next(new ServiceUnavailableProblem("Impossible de vérifier le jeton d'accès pour le moment ; réessayez.", { cause: error }));
        return;
      }
      req.log.info({ reason: error.reason }, 'jeton refusé');
      next(new UnauthorizedProblem(DETAILS[error.reason]));
      return;
    }
    next();
  };
}

/** Passes when the principal holds at least one of `roles`; must follow `authenticate`. */
export function requireRole(...roles: Role[]) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const held = req.principal?.roles ?? [];
    if (req.principal === undefined) next(new UnauthorizedProblem(undefined, { tokenPresented: false }));
    else if (roles.some((role) => held.includes(role))) next();
    else next(new ForbiddenProblem(`Cette action est réservée aux rôles : ${roles.join(', ')}.`));
  };
}
