import type { OfferKind } from '@guichet/contracts';

// One example per kind, in the column format of the matching service's import (the fields of
// `details`, dotted for objects, `;` between list items, `/` between the two dates of a period).
export const csvTemplates: Record<OfferKind, string> = {
  premises: [
    'premisesType,title,communeCode,surfaceM2,monthlyRent.amountCents,availableFrom,conditions.sectors',
    'msp-room,Cabinet dans la maison de santé de Loches,37132,25,45000,2026-12-01,1;2-optam',
    'individual-practice,Cabinet en centre-bourg de Château-Renault,37063,60,70000,2027-01-15,',
  ].join('\n'),
  housing: [
    'title,communeCode,beds,monthlyPrice.amountCents,availablePeriods,eligibleOccupants,furnished',
    'Studio près du centre hospitalier de Chinon,37072,1,35000,2026-11-02/2027-05-01,intern;junior-doctor,true',
  ].join('\n'),
  job: [
    'title,profession,employer,employmentSector,communeCode,contractType,workingTime',
    'Professeur des écoles,education-enseignement,Éducation nationale,public,37003,permanent,full-time',
  ].join('\n'),
};
