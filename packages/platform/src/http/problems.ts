export const PROBLEM_BASE_URI = 'https://guichet-sante.example/problemes/';
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const MAX_FIELD_ERRORS = 200;

export interface FieldError {
  /** JSON Pointer or dotted path of the offending field, as the client sent it. */
  field: string;
  /** French, for the person filling the form. */
  detail: string;
}

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export interface ProblemOptions {
  /** Overrides the class's default slug when a program must tell two cases apart (e.g. `version-perimee`). */
  slug?: string;
  title?: string;
  errors?: readonly FieldError[];
  /** Extra members of the problem document (RFC 9457 §3.2), e.g. `{ currentVersion: 4 }`. */
  extensions?: Readonly<Record<string, unknown>>;
  cause?: unknown;
}

/** An expected failure mapped to an RFC 9457 problem; thrown at the edge, rendered by the error handler. */
export class HttpProblem extends Error {
  readonly slug: string;
  readonly title: string;
  readonly errors: readonly FieldError[];
  readonly extensions: Readonly<Record<string, unknown>>;
  readonly headers: Record<string, string> = {};

  constructor(
    readonly status: number,
    defaultSlug: string,
    defaultTitle: string,
    readonly detail: string,
    options: ProblemOptions = {},
  ) {
    super(detail, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.slug = options.slug ?? defaultSlug;
    this.title = options.title ?? defaultTitle;
    this.errors = options.errors ?? [];
    this.extensions = options.extensions ?? {};
  }

  get type(): string {
    return `${PROBLEM_BASE_URI}${this.slug}`;
  }

  toDocument(instance?: string): ProblemDocument {
    return {
      ...this.extensions,
      type: this.type,
      title: this.title,
      status: this.status,
      detail: this.detail,
      ...(instance === undefined ? {} : { instance }),
      // The contract lists at most 200 field errors: past that, the first ones are enough to fix the input.
      ...(this.errors.length > 0 ? { errors: this.errors.slice(0, MAX_FIELD_ERRORS) } : {}),
    };
  }
}

export class ValidationProblem extends HttpProblem {
  constructor(errors: readonly FieldError[] = [], detail = 'Certaines données envoyées ne sont pas valides.', options: ProblemOptions = {}) {
    super(400, 'donnees-invalides', 'Données invalides', detail, { errors, ...options });
  }
}

export class MalformedJsonProblem extends HttpProblem {
  constructor(detail = "Le corps de la requête n'est pas un JSON valide.", options: ProblemOptions = {}) {
    super(400, 'json-mal-forme', 'JSON mal formé', detail, options);
  }
}

export class UnauthorizedProblem extends HttpProblem {
  constructor(detail = 'Authentification requise : jeton d’accès absent ou invalide.', options: ProblemOptions & { realm?: string; tokenPresented?: boolean } = {}) {
    super(401, 'authentification-requise', 'Authentification requise', detail, options);
    // RFC 6750 §3: the challenge names the scheme, and `invalid_token` only when a token was sent.
    const realm = `Bearer realm="${options.realm ?? 'guichet'}"`;
    this.headers['WWW-Authenticate'] = options.tokenPresented === false ? realm : `${realm}, error="invalid_token"`;
  }
}

export class ForbiddenProblem extends HttpProblem {
  constructor(detail = "Vous n'avez pas les droits nécessaires pour cette action.", options: ProblemOptions = {}) {
    super(403, 'acces-refuse', 'Accès refusé', detail, options);
  }
}

export class NotFoundProblem extends HttpProblem {
  constructor(detail = "La ressource demandée n'existe pas.", options: ProblemOptions = {}) {
    super(404, 'ressource-introuvable', 'Ressource introuvable', detail, options);
  }
}

export class ConflictProblem extends HttpProblem {
  constructor(detail = "La ressource a été modifiée entre-temps ; rechargez-la puis réessayez.", options: ProblemOptions = {}) {
    super(409, 'conflit', 'Conflit', detail, options);
  }
}

export class PreconditionFailedProblem extends HttpProblem {
  constructor(detail = "La version indiquée ne correspond plus à la version enregistrée.", options: ProblemOptions = {}) {
    super(412, 'precondition-echouee', 'Précondition non remplie', detail, options);
  }
}

export class PayloadTooLargeProblem extends HttpProblem {
  constructor(detail = 'Le corps de la requête dépasse la taille autorisée.', options: ProblemOptions = {}) {
    super(413, 'corps-trop-volumineux', 'Corps de requête trop volumineux', detail, options);
  }
}

export class UnsupportedMediaTypeProblem extends HttpProblem {
  constructor(detail = 'Le corps de la requête doit être envoyé en JSON (Content-Type: application/json).', options: ProblemOptions = {}) {
    super(415, 'type-de-contenu-non-supporte', 'Type de contenu non pris en charge', detail, options);
  }
}

export class UnprocessableProblem extends HttpProblem {
  constructor(detail = "La demande est bien formée mais ne peut pas être traitée dans l'état actuel.", options: ProblemOptions = {}) {
    super(422, 'requete-non-traitable', 'Requête non traitable', detail, options);
  }
}

export class ServiceUnavailableProblem extends HttpProblem {
  constructor(detail = 'Le service est momentanément indisponible ; réessayez dans quelques instants.', options: ProblemOptions & { retryAfterSeconds?: number } = {}) {
    super(503, 'service-indisponible', 'Service indisponible', detail, options);
    this.headers['Retry-After'] = String(options.retryAfterSeconds ?? 5);
  }
}

export class InternalProblem extends HttpProblem {
  constructor(options: ProblemOptions = {}) {
    super(500, 'erreur-interne', 'Erreur interne', 'Une erreur inattendue est survenue ; elle a été signalée.', options);
  }
}
