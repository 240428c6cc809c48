import { describe, expect, it } from '@jest/globals';
import { applyZoningOrder, emptyZoningTimeline, historyOf, zoneAt, zoningTimelineFromEntries, zoningTimelineFromOrders, type ZoningOrder } from './zoning.js';

const order = (reference: string, effectiveFrom: string, assignments: [string, 'zip' | 'zac' | 'none'][]): ZoningOrder => ({
  regionCode: '24',
  arrete: { reference },
  effectiveFrom,
  assignments: assignments.map(([communeCode, zone]) => ({ communeCode, zone })),
});

describe('zoning with history', () => {
  const timeline = zoningTimelineFromOrders([
    order('arrêté 2018', '2018-07-01', [['37123', 'zac'], ['37132', 'none']]),
    order('arrêté 2023', '2023-01-01', [['37123', 'zip']]),
  ]);

  it('answers the zone in force on a date', () => {
    expect(zoneAt(timeline, '37123', '2019-05-01')).toBe('zac');
    expect(zoneAt(timeline, '37123', '2022-12-31')).toBe('zac');
    expect(zoneAt(timeline, '37123', '2023-01-01')).toBe('zip');
    expect(zoneAt(timeline, '37132', '2026-01-01')).toBe('none');
  });

  it('says « unknown » (null), not « hors zone », before any order or for a commune never zoned', () => {
    expect(zoneAt(timeline, '37123', '2018-06-30')).toBeNull();
    expect(zoneAt(timeline, '41018', '2024-01-01')).toBeNull();
  });

  it('keeps the history: the older entry is closed the day before the new order', () => {
    expect(historyOf(timeline, '37123')).toEqual({
      communeCode: '37123',
      entries: [
        { communeCode: '37123', regionCode: '24', zone: 'zac', effectiveFrom: '2018-07-01', effectiveUntil: '2022-12-31', arrete: { reference: 'arrêté 2018' } },
        { communeCode: '37123', regionCode: '24', zone: 'zip', effectiveFrom: '2023-01-01', arrete: { reference: 'arrêté 2023' } },
      ],
    });
  });

  it('reports only the communes whose zone changes, with the previous zone', () => {
    const { changes } = applyZoningOrder(timeline, order('révision 2025', '2025-12-09', [['37123', 'zip'], ['37132', 'zac']]));
    expect(changes).toEqual([{ communeCode: '37132', zone: 'zac', previousZone: 'none', effectiveFrom: '2025-12-09' }]);
  });

  it('a first order for a commune reports a change without a previous zone', () => {
    const { changes } = applyZoningOrder(emptyZoningTimeline(), order('premier', '2024-01-01', [['18001', 'zip']]));
    expect(changes).toEqual([{ communeCode: '18001', zone: 'zip', effectiveFrom: '2024-01-01' }]);
  });

  it('an order dated before a later one already recorded applies only until that later order', () => {
    const { timeline: next, changes } = applyZoningOrder(timeline, order('correctif 2020', '2020-06-01', [['37123', 'none']]));
    expect(zoneAt(next, '37123', '2021-01-01')).toBe('none');
    expect(zoneAt(next, '37123', '2023-06-01')).toBe('zip');
    expect(zoneAt(next, '37123', '2019-01-01')).toBe('zac');
    expect(changes).toEqual([{ communeCode: '37123', zone: 'none', previousZone: 'zac', effectiveFrom: '2020-06-01', effectiveUntil: '2022-12-31' }]);
  });

  it('does not change the timeline it is given (new orders give a new timeline)', () => {
    applyZoningOrder(timeline, order('x', '2030-01-01', [['37123', 'none']]));
    expect(zoneAt(timeline, '37123', '2031-01-01')).toBe('zip');
  });

  it('rebuilds the same timeline from stored entries', () => {
    const entries = [...historyOf(timeline, '37123').entries, ...historyOf(timeline, '37132').entries].reverse();
    const rebuilt = zoningTimelineFromEntries(entries);
    expect(historyOf(rebuilt, '37123')).toEqual(historyOf(timeline, '37123'));
    expect(zoneAt(rebuilt, '37132', '2020-01-01')).toBe('none');
  });
});
