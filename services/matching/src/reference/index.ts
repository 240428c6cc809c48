export type { Commune } from './communes.js';
export { communesByInsee, parseCommunesCsv } from './communes.js';
export type { SeedAidScheme } from './aid-catalogue.js';
export { convertAidCatalogue } from './aid-catalogue.js';
export type { DemoZoningFile } from './demo-zoning.js';
export { demoZoningRegions, generateDemoZoning } from './demo-zoning.js';
