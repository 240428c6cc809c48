import type {
  ActivityCriterion,
  AidCriterion,
  AudienceCriterion,
  CommitmentCriterion,
  CoordinatedPracticeCriterion,
  CriterionReason,
  InstallationStageCriterion,
  InternshipPlacementCriterion,
  PracticeModeCriterion,
  PreviousAidCriterion,
  ProjectCriterion,
  ReasonParams,
  SectorCriterion,
  SeniorityCriterion,
  SpecialtyCriterion,
  SpecialZoneCriterion,
  StudyYearCriterion,
  SupersededCriterion,
  TerritoryCriterion,
  ZoneCriterion,
} from '@guichet/contracts';
import type { CriterionContext, PlaceCommune } from './eligibility-context.js';
import { attributeAt, WHERE_TO_CHECK, type DatedPlaceAttribute, type PlaceAttributeKind } from './place-attributes.js';
import { addYears, formatDateFr, wholeMonthsBetween } from './dates.js';
import { acceptsStatus, effectiveStatus } from './status.js';
import { formatKm, roundKm } from './geo.js';
import {
  PRACTICE_MODE_LABELS,
  PROJECT_LABELS,
  SECTOR_LABELS,
  SPECIAL_ZONE_LABELS,
  STATUS_LABELS,
  ZONE_NAMES,
  ZONE_SHORT,
  ZONE_SITUATION,
  listFr,
  plural,
} from './labels.js';

type Criterion = CriterionReason['criterion'];
type Outcome = CriterionReason['outcome'];

function reason(criterion: Criterion, outcome: Outcome, code: string, message: string, params: ReasonParams = {}): CriterionReason {
  return { criterion, code, outcome, params, message };
}

/** One reason per criterion, in French, with the parameters a program needs to re-word it. */
export function evaluateCriterion(criterion: AidCriterion, ctx: CriterionContext): CriterionReason {
  switch (criterion.kind) {
    case 'audience':
      return audience(criterion, ctx);
    case 'specialty':
      return specialty(criterion, ctx);
    case 'study-year':
      return studyYear(criterion, ctx);
    case 'project':
      return project(criterion, ctx);
    case 'zone':
      return zone(criterion, ctx);
    case 'special-zone':
      return specialZone(criterion, ctx);
    case 'territory':
      return territory(criterion, ctx);
    case 'sector':
      return sector(criterion, ctx);
    case 'practice-mode':
      return practiceMode(criterion, ctx);
    case 'coordinated-practice':
      return coordinatedPractice(criterion, ctx);
    case 'activity':
      return activity(criterion, ctx);
    case 'installation-stage':
      return installationStage(criterion, ctx);
    case 'seniority':
      return seniority(criterion, ctx);
    case 'on-call':
      return onCall(ctx);
    case 'internship-placement':
      return internshipPlacement(criterion, ctx);
    case 'not-housed-free':
      return notHousedFree(ctx);
    case 'previous-aid':
      return previousAid(criterion, ctx);
    case 'commitment':
      return commitment(criterion, ctx);
    case 'superseded':
      return superseded(criterion);
    case 'to-confirm':
      return reason('to-confirm', 'informative', criterion.code, `À vérifier auprès du financeur : ${criterion.message}`);
    default:
      return assertNever(criterion);
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled criterion ${JSON.stringify(value)}`);
}

function audience(c: AudienceCriterion, { profile }: CriterionContext): CriterionReason {
  const status = effectiveStatus(profile);
  const params = { status, accepted: [...c.statuses] };
  const accepted = listFr(c.statuses.map((s) => STATUS_LABELS[s]));
  return acceptsStatus(c.statuses, status)
    ? reason('audience', 'met', 'audience-matches', `Votre situation (${STATUS_LABELS[status]}) fait partie du public visé.`, params)
    : reason('audience', 'not-met', 'audience-excluded', `Dispositif réservé aux profils suivants : ${accepted} ; votre situation : ${STATUS_LABELS[status]}.`, params);
}

function specialty(c: SpecialtyCriterion, { profile }: CriterionContext): CriterionReason {
  const accepted = c.specialties.includes('medecine-generale') && c.specialties.length === 1 ? 'la médecine générale' : `les spécialités ${c.specialties.join(', ')}`;
  const params = { specialty: profile.specialty ?? null, accepted: [...c.specialties] };
  if (!profile.specialty) return reason('specialty', 'unknown', 'specialty-missing', `Spécialité non renseignée : ce dispositif est réservé à ${accepted}.`, params);
  return c.specialties.includes(profile.specialty)
    ? reason('specialty', 'met', 'specialty-matches', `Votre spécialité fait partie de celles visées (${accepted}).`, params)
    : reason('specialty', 'not-met', 'specialty-excluded', `Dispositif réservé à ${accepted}.`, params);
}

function studyYear(c: StudyYearCriterion, { profile }: CriterionContext): CriterionReason {
  const params = { minStudentYear: c.minStudentYear, studyYear: profile.studyYear ?? null };
  if (profile.status !== 'student') return reason('study-year', 'met', 'study-level-reached', "Niveau d'études suffisant.", params);
  if (profile.studyYear === undefined) {
    return reason('study-year', 'unknown', 'study-year-missing', `Année d'études non renseignée : il faut être au moins en ${ordinal(c.minStudentYear)} année.`, params);
  }
  return profile.studyYear >= c.minStudentYear
    ? reason('study-year', 'met', 'study-level-reached', `Vous êtes en ${ordinal(profile.studyYear)} année : niveau suffisant.`, params)
    : reason('study-year', 'not-met', 'study-year-too-early', `Ouvert à partir de la ${ordinal(c.minStudentYear)} année d'études ; vous êtes en ${ordinal(profile.studyYear)} année.`, params);
}

function ordinal(n: number): string {
  return n === 1 ? '1re' : `${n}e`;
}

function project(c: ProjectCriterion, { profile, date }: CriterionContext): CriterionReason {
  const params = { projects: [...profile.projects], accepted: [...c.projects], orInstalled: c.orInstalled ?? null };
  if (profile.projects.some((p) => c.projects.includes(p))) {
    return reason('project', 'met', 'project-matches', `Votre projet (${listFr(profile.projects.map((p) => PROJECT_LABELS[p]), 'et')}) est concerné.`, params);
  }
  if (c.orInstalled && isInstalled(profile, date)) {
    return reason('project', 'met', 'already-installed', 'Médecin déjà installé(e) : le dispositif est ouvert aux médecins installés comme aux projets d’installation.', params);
  }
  return reason('project', 'not-met', 'project-not-concerned', `Ce dispositif concerne ${listFr(c.projects.map((p) => PROJECT_LABELS[p]))} ; votre demande porte sur ${listFr(profile.projects.map((p) => PROJECT_LABELS[p]), 'et')}.`, params);
}

/** The place is the future place of practice only when the profile plans an installation there. */
function practicePlaceKnown(ctx: CriterionContext): boolean {
  return ctx.profile.projects.includes('installation');
}

/** An installed doctor, or a request of the former « médecin thésé » that did not say whether it was installed. */
function mayBeInstalled(profile: CriterionContext['profile']): boolean {
  return profile.status === 'installed-doctor' || profile.status === 'doctor';
}

function isInstalled(profile: CriterionContext['profile'], date: string): boolean {
  return effectiveStatus(profile) === 'installed-doctor' && (profile.installedSince === undefined || profile.installedSince <= date);
}

function zone(c: ZoneCriterion, ctx: CriterionContext): CriterionReason {
  const required = listFr(c.accepted.map((z) => `une ${ZONE_NAMES[z]}`));
  const params: ReasonParams = { zone: ctx.zone, accepted: [...c.accepted], withinKm: c.withinKm ?? null, commitment: c.commitment ?? null };
  if (c.commitment && !practicePlaceKnown(ctx)) {
    return reason('zone', 'informative', 'zone-commitment', `Contrepartie : exercer ensuite en ${listFr(c.accepted.map((z) => ZONE_SHORT[z]))} ; le lieu d'exercice futur est vérifié quand il est choisi, pas la commune d'aujourd'hui.`, params);
  }
  if (ctx.zone === null) {
    return reason('zone', 'unknown', 'zone-unknown', `Zonage de la commune inconnu à cette date : cette aide exige ${required}.`, params);
  }
  if (ctx.zone !== 'none' && c.accepted.includes(ctx.zone)) {
    return reason('zone', 'met', 'zone-accepted', `Commune ${ZONE_SITUATION[ctx.zone]} : zone acceptée.`, params);
  }
  if (c.withinKm !== undefined) {
    const near = ctx.nearby
      .filter((n) => n.zone !== null && n.zone !== 'none' && c.accepted.includes(n.zone) && n.distanceKm <= c.withinKm!)
      .sort((a, b) => a.distanceKm - b.distanceKm || (a.insee < b.insee ? -1 : 1))[0];
    if (near) {
      return reason('zone', 'met', 'zone-accepted-nearby', `Commune à ${formatKm(near.distanceKm)} de ${near.name}, ${ZONE_SITUATION[near.zone!]} (moins de ${c.withinKm} km acceptés).`, {
        ...params,
        nearInsee: near.insee,
        nearDistanceKm: roundKm(near.distanceKm),
      });
    }
  }
  const nearbyClause = c.withinKm === undefined ? '' : `, ou une commune à moins de ${c.withinKm} km d'une telle zone`;
  return reason('zone', 'not-met', 'zone-not-accepted', `Commune ${ZONE_SITUATION[ctx.zone]} : cette aide exige ${required}${nearbyClause}.`, params);
}

/**
 * A classification the caller asserts wins; otherwise the place's dated attributes from the
 * reference table at the scheme's date. None known at that date: « à préciser », with what to
 * check and where — never « not eligible » for want of a list.
 */
function specialZone(c: SpecialZoneCriterion, ctx: CriterionContext): CriterionReason {
  const label = SPECIAL_ZONE_LABELS[c.zone];
  const params: ReasonParams = { specialZone: c.zone };
  const { commune } = ctx.place;
  if (c.zone === 'cfe-commune') return cfeReason(ctx, label, params);
  const asserted = assertedFlag(ctx, c.zone);
  const known = asserted === undefined ? attributeAt(commune.attributes, c.zone, ctx.date) : undefined;
  const inZone = asserted ?? known?.value;
  if (inZone === undefined) {
    return reason('special-zone', 'unknown', 'special-zone-unknown', `À préciser : cette aide exige une commune en ${label}, et le guichet n'a pas ce classement pour ${commune.name} au ${formatDateFr(ctx.date)} ; ${WHERE_TO_CHECK[c.zone]}.`, params);
  }
  const from = known ? ` (source : ${sourceWords(known)})` : '';
  const withSource: ReasonParams = known ? { ...params, source: known.source.document } : params;
  return inZone
    ? reason('special-zone', 'met', 'special-zone-met', `${commune.name} est en ${label}${from}.`, withSource)
    : reason('special-zone', 'not-met', 'special-zone-not-met', `${commune.name} n'est pas en ${label}${from}.`, withSource);
}

function assertedFlag(ctx: CriterionContext, kind: PlaceAttributeKind): boolean | undefined {
  const flags = ctx.place.specialZones ?? {};
  switch (kind) {
    case 'zrr':
      return flags.zrr;
    case 'zfu':
      return flags.zfu;
    case 'isolated-mountain':
      return flags.isolatedMountain;
    default:
      return assertNever(kind);
  }
}

function sourceWords(attribute: DatedPlaceAttribute): string {
  const { document, lines } = attribute.source;
  return lines ? `${document}, lignes ${lines}` : document;
}

/** CFE exemption (art. 1464 D CGI): fewer than 2 000 inhabitants, or ZRR, or ZIP/ZAC [001:1404-1407]. */
function cfeReason(ctx: CriterionContext, label: string, params: ReasonParams): CriterionReason {
  const { population, name } = ctx.place.commune;
  const zrr = assertedFlag(ctx, 'zrr') ?? attributeAt(ctx.place.commune.attributes, 'zrr', ctx.date)?.value;
  const met = (population !== null && population < 2000) || zrr === true || ctx.zone === 'zip' || ctx.zone === 'zac';
  if (met) return reason('special-zone', 'met', 'special-zone-met', `${name} est une ${label}.`, params);
  if (population === null || zrr === undefined || ctx.zone === null) {
    const missing = [
      ...(population === null ? ['sa population'] : []),
      ...(ctx.zone === null ? ['son zonage ARS'] : []),
      ...(zrr === undefined ? [`son classement ZRR/FRR (${WHERE_TO_CHECK.zrr})`] : []),
    ];
    return reason('special-zone', 'unknown', 'special-zone-unknown', `À préciser : ${name} n'est ni en ZIP ni en ZAC${population !== null ? ` et compte au moins 2 000 habitants` : ''} ; reste à connaître ${listFr(missing, 'et')}.`, params);
  }
  return reason('special-zone', 'not-met', 'special-zone-not-met', `${name} n'est pas une ${label}.`, params);
}

export function insideTerritory(c: TerritoryCriterion, commune: PlaceCommune): boolean {
  const regions: readonly string[] = c.regions ?? [];
  return regions.includes(commune.region) || (c.departements?.includes(commune.departement) ?? false) || (c.communes?.includes(commune.insee) ?? false);
}

function territory(c: TerritoryCriterion, { place }: CriterionContext): CriterionReason {
  const { commune } = place;
  const inside = insideTerritory(c, commune);
  const scope = [
    ...(c.departements ? [`département${c.departements.length > 1 ? 's' : ''} ${c.departements.join(', ')}`] : []),
    ...(c.regions ? [`région${c.regions.length > 1 ? 's' : ''} ${c.regions.join(', ')}`] : []),
    ...(c.communes ? [`communes ${c.communes.join(', ')}`] : []),
  ];
  const params: ReasonParams = { departement: commune.departement, region: commune.region, departements: c.departements ?? null, regions: c.regions ?? null };
  return inside
    ? reason('territory', 'met', 'territory-inside', `${commune.name} est dans le territoire du financeur (${listFr(scope)}).`, params)
    : reason('territory', 'not-met', 'territory-outside', `Dispositif local (${listFr(scope)}) : ${commune.name} est dans le département ${commune.departement}.`, params);
}

function sector(c: SectorCriterion, { profile }: CriterionContext): CriterionReason {
  const accepted = listFr(c.sectors.map((s) => SECTOR_LABELS[s]));
  const params = { sector: profile.sector ?? null, accepted: [...c.sectors], commitment: c.commitment ?? null };
  if (c.commitment && !profile.sector) return reason('sector', 'informative', 'sector-commitment', `Contrepartie : exercer en ${accepted} une fois installé(e).`, params);
  if (c.commitment && !c.sectors.includes(profile.sector!)) {
    return reason('sector', 'not-met', 'sector-not-accepted', `Ce contrat engage à exercer en ${accepted} ; vous indiquez : ${SECTOR_LABELS[profile.sector!]}.`, params);
  }
  if (!profile.sector) return reason('sector', 'unknown', 'sector-missing', `Secteur conventionnel non renseigné : ce dispositif exige ${accepted}.`, params);
  return c.sectors.includes(profile.sector)
    ? reason('sector', 'met', 'sector-accepted', `Exercice en ${SECTOR_LABELS[profile.sector]} : accepté.`, params)
    : reason('sector', 'not-met', 'sector-not-accepted', `Ce dispositif exige ${accepted} ; vous indiquez : ${SECTOR_LABELS[profile.sector]}.`, params);
}

function practiceMode(c: PracticeModeCriterion, { profile }: CriterionContext): CriterionReason {
  const accepted = listFr(c.modes.map((m) => PRACTICE_MODE_LABELS[m]));
  const params = { practiceMode: profile.practiceMode ?? null, accepted: [...c.modes] };
  if (!profile.practiceMode) return reason('practice-mode', 'unknown', 'practice-mode-missing', `Mode d'exercice non renseigné : ce dispositif concerne ${accepted}.`, params);
  return c.modes.includes(profile.practiceMode)
    ? reason('practice-mode', 'met', 'practice-mode-accepted', `Mode d'exercice (${PRACTICE_MODE_LABELS[profile.practiceMode]}) accepté.`, params)
    : reason('practice-mode', 'not-met', 'practice-mode-not-accepted', `Ce dispositif concerne ${accepted} ; vous indiquez : ${PRACTICE_MODE_LABELS[profile.practiceMode]}.`, params);
}

const COORDINATED_MODES = new Set(['group', 'msp', 'centre-de-sante']);

function coordinatedPractice(c: CoordinatedPracticeCriterion, { profile }: CriterionContext): CriterionReason {
  const coordinated = profile.coordinatedPractice === true || (profile.practiceMode !== undefined && COORDINATED_MODES.has(profile.practiceMode));
  const delay = c.withinYears === undefined ? '' : ` (ou s'y engager dans les ${plural(c.withinYears, 'an')})`;
  const params = { coordinatedPractice: profile.coordinatedPractice ?? null, practiceMode: profile.practiceMode ?? null, withinYears: c.withinYears ?? null };
  if (coordinated) return reason('coordinated-practice', 'met', 'coordinated-practice-ok', 'Exercice coordonné (MSP, centre de santé, cabinet de groupe, CPTS ou ESP) : condition remplie.', params);
  if (profile.coordinatedPractice === false) {
    return reason('coordinated-practice', 'not-met', 'coordinated-practice-required', `Ce dispositif exige un exercice coordonné (MSP, centre de santé, cabinet de groupe, CPTS ou ESP)${delay}.`, params);
  }
  return reason('coordinated-practice', 'unknown', 'coordinated-practice-missing', `Exercice coordonné non précisé : ce dispositif l'exige${delay}.`, params);
}

function activity(c: ActivityCriterion, { profile }: CriterionContext): CriterionReason {
  const params = { halfDaysPerWeek: profile.halfDaysPerWeek ?? null, minHalfDaysPerWeek: c.minHalfDaysPerWeek };
  const required = `au moins ${plural(c.minHalfDaysPerWeek, 'demi-journée', 'demi-journées')} d'activité par semaine`;
  if (profile.halfDaysPerWeek === undefined) return reason('activity', 'unknown', 'activity-missing', `Temps d'activité non renseigné : il faut ${required}.`, params);
  return profile.halfDaysPerWeek >= c.minHalfDaysPerWeek
    ? reason('activity', 'met', 'activity-sufficient', `${plural(profile.halfDaysPerWeek, 'demi-journée', 'demi-journées')} par semaine : suffisant.`, params)
    : reason('activity', 'not-met', 'activity-insufficient', `Il faut ${required} ; vous indiquez ${profile.halfDaysPerWeek}.`, params);
}

function installationStage(c: InstallationStageCriterion, { profile, date }: CriterionContext): CriterionReason {
  const params: ReasonParams = {
    firstInstallation: profile.firstInstallation ?? null,
    installedSince: profile.installedSince ?? null,
    maxMonthsSinceInstallation: c.maxMonthsSinceInstallation ?? null,
  };
  const locumOk =
    c.locumMaxMonthsSinceRegistration !== undefined &&
    profile.locumRegisteredSince !== undefined &&
    wholeMonthsBetween(profile.locumRegisteredSince, date) < c.locumMaxMonthsSinceRegistration;
  if (locumOk) {
    return reason('installation-stage', 'met', 'locum-recently-registered', `Remplaçant inscrit à l'Ordre depuis moins de ${c.locumMaxMonthsSinceRegistration} mois.`, params);
  }
  const notYetInstalled = profile.installedSince === undefined || profile.installedSince >= date;
  const first = profile.firstInstallation ?? (notYetInstalled && !mayBeInstalled(profile) ? true : undefined);
  if (c.firstInstallationOnly && first === false) {
    return reason('installation-stage', 'not-met', 'not-first-installation', 'Réservé à une première installation en exercice libéral conventionné.', params);
  }
  if (c.maxMonthsSinceInstallation !== undefined && !notYetInstalled) {
    const months = wholeMonthsBetween(profile.installedSince!, date);
    if (months >= c.maxMonthsSinceInstallation) {
      return reason('installation-stage', 'not-met', 'installed-too-long-ago', `Installé(e) depuis ${plural(months, 'mois', 'mois')} : il faut l'être depuis moins de ${c.maxMonthsSinceInstallation} mois ou avoir un projet d'installation.`, { ...params, monthsInstalled: months });
    }
  }
  if (c.firstInstallationOnly && first === undefined) {
    return reason('installation-stage', 'unknown', 'first-installation-unknown', "Précisez s'il s'agit de votre première installation en libéral conventionné : c'est une condition.", params);
  }
  if (notYetInstalled) {
    return reason('installation-stage', 'met', 'installation-project', c.firstInstallationOnly ? "Projet de première installation : condition remplie." : "Projet d'installation : condition remplie.", params);
  }
  return reason('installation-stage', 'met', c.firstInstallationOnly ? 'first-installation' : 'installed-recently', c.firstInstallationOnly ? 'Première installation : condition remplie.' : 'Installation récente : condition remplie.', params);
}

function seniority(c: SeniorityCriterion, { profile, date }: CriterionContext): CriterionReason {
  const params = { installedSince: profile.installedSince ?? null, minYearsInstalled: c.minYearsInstalled };
  const required = `être installé(e) depuis au moins ${plural(c.minYearsInstalled, 'an')}`;
  if (profile.installedSince === undefined) {
    return mayBeInstalled(profile)
      ? reason('seniority', 'unknown', 'seniority-missing', `Date d'installation non renseignée : il faut ${required}.`, params)
      : reason('seniority', 'not-met', 'seniority-insufficient', `Il faut ${required}.`, params);
  }
  return addYears(profile.installedSince, c.minYearsInstalled) <= date
    ? reason('seniority', 'met', 'seniority-sufficient', `Installé(e) depuis le ${formatDateFr(profile.installedSince)} : ancienneté suffisante.`, params)
    : reason('seniority', 'not-met', 'seniority-insufficient', `Installé(e) depuis le ${formatDateFr(profile.installedSince)} : il faut ${required}.`, params);
}

function onCall({ profile }: CriterionContext): CriterionReason {
  const params = { onCallParticipation: profile.onCallParticipation ?? null };
  if (profile.onCallParticipation === undefined) return reason('on-call', 'unknown', 'on-call-missing', 'Participation à la permanence des soins non précisée : elle est exigée.', params);
  return profile.onCallParticipation
    ? reason('on-call', 'met', 'on-call-participates', 'Participation à la permanence des soins (PDSA) : condition remplie.', params)
    : reason('on-call', 'not-met', 'on-call-required', 'Ce dispositif exige de participer à la permanence des soins ambulatoires (PDSA).', params);
}

function internshipPlacement(c: InternshipPlacementCriterion, { profile, place }: CriterionContext): CriterionReason {
  const internship = profile.internship;
  const fromChu = place.distances?.fromChuKm;
  const fromHome = place.distances?.fromHomeKm;
  const params: ReasonParams = {
    ambulatory: internship?.ambulatory ?? null,
    fromChuKm: fromChu ?? null,
    fromHomeKm: fromHome ?? null,
    minKmFromChu: c.minKmFromChu ?? null,
    minKmFromHome: c.minKmFromHome ?? null,
  };
  if (!internship) return reason('internship-placement', 'unknown', 'internship-missing', 'Stage non renseigné (dates, ambulatoire ou non).', params);
  if (c.ambulatory && !internship.ambulatory) return reason('internship-placement', 'not-met', 'internship-not-ambulatory', 'Réservé aux stages ambulatoires (hors hôpital).', params);
  if (place.distancesAsTheCrowFlies) {
    // A straight line is never longer than the road: only « farther than » is certain from it.
    const short = [
      ...(c.minKmFromChu !== undefined && fromChu !== undefined && fromChu <= c.minKmFromChu ? [`${formatKm(fromChu)} du CHU de rattachement (plus de ${c.minKmFromChu} km exigés)`] : []),
      ...(c.minKmFromHome !== undefined && fromHome !== undefined && fromHome <= c.minKmFromHome ? [`${formatKm(fromHome)} de votre domicile (plus de ${c.minKmFromHome} km exigés)`] : []),
    ];
    if (short.length > 0) {
      return reason('internship-placement', 'unknown', 'internship-distance-to-check', `À préciser : le lieu de stage est à vol d'oiseau à ${listFr(short, 'et à')} ; vérifiez la distance par la route auprès de la faculté ou de l'ARS.`, params);
    }
  }
  if (c.minKmFromChu !== undefined && fromChu !== undefined && fromChu <= c.minKmFromChu) {
    return reason('internship-placement', 'not-met', 'internship-too-close-to-chu', `Lieu de stage à ${formatKm(fromChu)} du CHU de rattachement : il faut plus de ${c.minKmFromChu} km.`, params);
  }
  if (c.minKmFromHome !== undefined && fromHome !== undefined && fromHome <= c.minKmFromHome) {
    return reason('internship-placement', 'not-met', 'internship-too-close-to-home', `Lieu de stage à ${formatKm(fromHome)} de votre domicile : il faut plus de ${c.minKmFromHome} km.`, params);
  }
  if ((c.minKmFromChu !== undefined && fromChu === undefined) || (c.minKmFromHome !== undefined && fromHome === undefined)) {
    const needed = [...(c.minKmFromChu !== undefined ? [`plus de ${c.minKmFromChu} km du CHU`] : []), ...(c.minKmFromHome !== undefined ? [`plus de ${c.minKmFromHome} km du domicile`] : [])];
    return reason('internship-placement', 'unknown', 'internship-distance-missing', `Distances du lieu de stage inconnues : il doit être à ${listFr(needed, 'et à')}.`, params);
  }
  const distances = [
    ...(fromChu !== undefined && c.minKmFromChu !== undefined ? [`${formatKm(fromChu)} du CHU`] : []),
    ...(fromHome !== undefined && c.minKmFromHome !== undefined ? [`${formatKm(fromHome)} du domicile`] : []),
  ];
  const detail = distances.length > 0 ? ` (${place.distancesAsTheCrowFlies ? "à vol d'oiseau, " : ''}${listFr(distances, 'et')})` : '';
  return reason('internship-placement', 'met', 'internship-placement-ok', `${c.ambulatory ? 'Stage ambulatoire' : 'Stage'}${detail} : condition remplie.`, params);
}

function notHousedFree({ profile }: CriterionContext): CriterionReason {
  const params = { housedFreeOfCharge: profile.housedFreeOfCharge ?? null };
  if (profile.housedFreeOfCharge === undefined) return reason('not-housed-free', 'unknown', 'housing-missing', "Précisez si vous êtes logé(e) gratuitement pendant le stage : l'aide est alors exclue.", params);
  return profile.housedFreeOfCharge
    ? reason('not-housed-free', 'not-met', 'housed-free', "Vous êtes logé(e) gratuitement (notamment par une collectivité) : l'aide est exclue.", params)
    : reason('not-housed-free', 'met', 'not-housed-free', 'Vous n’êtes pas logé(e) gratuitement : condition remplie.', params);
}

/** Décret 2025-231: no second aid of the same category for a new installation within ten years (domain facts §9). */
function previousAid(c: PreviousAidCriterion, ctx: CriterionContext): CriterionReason {
  const params: ReasonParams = { category: c.category, years: c.years, appliesFrom: c.appliesFrom };
  if (ctx.date < c.appliesFrom) {
    return reason('previous-aid', 'met', 'ten-year-rule-not-applicable', `Règle des ${c.years} ans (décret 2025-231) non applicable avant le ${formatDateFr(c.appliesFrom)}.`, params);
  }
  const blocking = ctx.previousAids
    .filter((aid) => (aid.category ?? ctx.categoryOf(aid.schemeId)) === c.category && aid.receivedOn <= ctx.date && addYears(aid.receivedOn, c.years) > ctx.date)
    .sort((a, b) => (a.receivedOn > b.receivedOn ? -1 : a.receivedOn < b.receivedOn ? 1 : 0))[0];
  if (!blocking) {
    return reason('previous-aid', 'met', 'no-recent-aid-same-category', `Aucune aide de même catégorie reçue depuis ${c.years} ans.`, params);
  }
  const until = addYears(blocking.receivedOn, c.years);
  return reason(
    'previous-aid',
    'not-met',
    'recent-aid-same-category',
    `Aide de même catégorie déjà reçue le ${formatDateFr(blocking.receivedOn)} (${blocking.schemeId}) : une nouvelle aide n'est possible qu'à partir du ${formatDateFr(until)} (décret 2025-231, règle des ${c.years} ans).`,
    { ...params, previousSchemeId: blocking.schemeId, receivedOn: blocking.receivedOn, possibleFrom: until },
  );
}

function commitment(c: CommitmentCriterion, { profile }: CriterionContext): CriterionReason {
  const params = { years: c.years, renewable: c.renewable ?? null, maxCommitmentYears: profile.maxCommitmentYears ?? null };
  const renewal = c.renewable === undefined ? '' : c.renewable ? ', renouvelable' : ', non renouvelable';
  const engagement = `engagement d'exercice de ${plural(c.years, 'an')}${renewal}`;
  if (profile.maxCommitmentYears === undefined) return reason('commitment', 'informative', 'commitment-required', `Contrepartie : ${engagement}.`, params);
  return profile.maxCommitmentYears >= c.years
    ? reason('commitment', 'met', 'commitment-accepted', `Contrepartie acceptée : ${engagement}.`, params)
    : reason('commitment', 'not-met', 'commitment-too-long', `Ce dispositif demande un ${engagement} ; vous acceptez au plus ${plural(profile.maxCommitmentYears, 'an')}.`, params);
}

function superseded(c: SupersededCriterion): CriterionReason {
  const by = c.by.length > 0 ? ` par ${listFr(c.by, 'et')}` : '';
  return reason('superseded', 'not-met', 'scheme-superseded', `Dispositif remplacé${by} : conservé pour l'historique, il n'est plus proposé.`, { by: [...c.by] });
}
