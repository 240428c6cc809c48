export type { Commune } from './communes.js';
export { communesByInsee, parseCommunesCsv } from './communes.js';
export type { SeedAidScheme } from './aid-catalogue.js';
export { convertAidCatalogue } from './aid-catalogue.js';
export type { DemoZoningBand, DemoZoningOrderSpec } from './demo-zoning.js';
export { DEFAULT_DEMO_ORDERS, DEMO_ZONING_BANDS, generateDemoZoning } from './demo-zoning.js';
