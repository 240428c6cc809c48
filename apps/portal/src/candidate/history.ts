import type { AccessLogEntry, InfoRequest, InstallationRequest } from '@guichet/contracts';

export interface HistoryEntry {
  at: string;
  text: string;
}

const actorNames: Record<AccessLogEntry['actorKind'], string> = {
  candidate: 'Vous',
  'caseworker-ars': 'L’ARS',
  'caseworker-cpam': 'L’Assurance Maladie',
  ordre: 'L’Ordre des médecins',
  collectivite: 'Une collectivité',
  'offer-publisher': 'Un éditeur d’offres',
  partner: 'Un partenaire',
  admin: 'L’administration du guichet',
  system: 'Le guichet',
};

const actions: Record<AccessLogEntry['action'], string> = {
  read: 'a consulté le dossier',
  update: 'a modifié la demande',
  export: 'a exporté les données',
  'status-change': 'a changé le statut du dossier',
  comment: 'a annoté le dossier',
  assign: 'a désigné un référent',
  'proposals-read': 'a consulté les propositions du dossier',
  disclosure: 'a reçu des informations du dossier',
};

const channels: Record<NonNullable<AccessLogEntry['channel']>, string> = {
  http: '',
  kafka: ' par son flux Kafka',
  webhook: ' par webhook',
};

/** The case's story, newest first: its own dates, the information asked and who did what. */
export function historyOf(request: InstallationRequest, infoRequests: readonly InfoRequest[], accessLog: readonly AccessLogEntry[]): HistoryEntry[] {
  const entries: HistoryEntry[] = [{ at: request.createdAt, text: 'Demande commencée' }];
  if (request.submittedAt) entries.push({ at: request.submittedAt, text: 'Demande déposée' });
  for (const info of infoRequests) {
    entries.push({ at: info.requestedAt, text: `Le guichet vous demande une information : « ${info.question} »` });
    if (info.answeredAt) entries.push({ at: info.answeredAt, text: 'Vous avez répondu à la demande d’information' });
  }
  for (const entry of accessLog) {
    if (entry.actorKind === 'candidate' && entry.action === 'read') continue;
    const details = [entry.actorName, entry.organisation].filter(Boolean).join(', ');
    const who = details ? `${actorNames[entry.actorKind]} (${details})` : actorNames[entry.actorKind];
    const what = entry.what === undefined ? '' : ` : ${entry.what}`;
    const channel = entry.channel === undefined ? '' : channels[entry.channel];
    entries.push({ at: entry.at, text: `${who} ${actions[entry.action]}${channel}${what}` });
  }
  return entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
