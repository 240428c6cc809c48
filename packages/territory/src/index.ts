export { parseCommunesCsv, type Commune, type GeoPoint } from './commune.js';
export { CommuneIndex, foldName } from './commune-index.js';
export { distanceKm } from './distance.js';
export { departementName, departementsOfRegion, regionName, regionOfDepartement } from './administrative-names.js';
export { communeIndex, communesCsvPath, readCommunes } from './load-communes.js';
export { organisationName, type NamedScope } from './organisation-name.js';
export {
  covers,
  departementInScope,
  departementOfCommune,
  departementsInScope,
  regionInScope,
  scopeOf,
  touches,
  type Area,
  type DepartementsOfRegion,
  type RegionOfDepartement,
  type Scope,
  type TerritoryClaims,
} from './scope.js';
