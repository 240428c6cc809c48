import { describe, expect, it } from '@jest/globals';
import { catalogue, evaluate, juniorGp, placeIn, reasonOf, verdictOf } from '../../test/eligibility-fixtures.js';
import { readPlaceAttributes } from '../adapters/reference-files.js';
import { attributeAt, attributesOf, type PlaceAttributeTable } from './place-attributes.js';
import { evaluateEligibility } from './eligibility.js';

const table = readPlaceAttributes();
const mende = { insee: '48095', name: 'Mende', departement: '48', region: '76', population: 11_500 };
const tours = { insee: '37261', name: 'Tours', departement: '37', region: '24', population: 135_000 };

describe('place attributes: the committed reference table', () => {
  it('is dated, and every row names its source document and lines', () => {
    expect(table.checkedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const row of table.rows) {
      expect(row.source.document.length).toBeGreaterThan(0);
      expect(row.source.lines ?? row.source.url).toBeDefined();
      expect(row.validFrom === null || row.validUntil === null || row.validFrom <= row.validUntil).toBe(true);
    }
  });

  it('Lozère entirely in ZRR, as the 2010 guide says [000:2758-2759], only for the dates it vouches for', () => {
    const attributes = attributesOf(table, mende);
    expect(attributeAt(attributes, 'zrr', '2010-06-01')).toMatchObject({ value: true, source: { lines: '2758-2759' } });
    expect(attributeAt(attributes, 'zrr', '2026-11-02')).toBeUndefined();
    expect(attributesOf(table, tours)).toEqual([]);
  });

  it('a row naming the commune wins over its département’s row', () => {
    const source = { document: 'test' };
    const rows: PlaceAttributeTable = {
      checkedOn: '2026-12-07',
      rows: [
        { kind: 'zfu', value: false, departements: ['37'], validFrom: null, validUntil: null, source },
        { kind: 'zfu', value: true, communes: ['37261'], validFrom: null, validUntil: null, source },
      ],
    };
    expect(attributeAt(attributesOf(rows, tours), 'zfu', '2026-01-01')?.value).toBe(true);
  });
});

describe('place attributes in the verdicts', () => {
  const at2010 = { at: '2010-06-01' };
  const in2010 = juniorGp({ status: 'doctor', plannedInstallationDate: '2010-09-01', practiceMode: 'alone' });

  it('the 2010 income-tax exemption for a new installation in ZRR [000:736-739] opens in Lozère, citing the table’s source', () => {
    const place = placeIn('none', { commune: { ...mende, attributes: attributesOf(table, mende) } });
    const reason = reasonOf(verdictOf(evaluate(in2010, place, at2010), 'exoneration-ir-installation-zrr'), 'special-zone');
    expect(reason).toMatchObject({ outcome: 'met', code: 'special-zone-met' });
    expect(reason.message).toContain('000_3287e495732bd2c8.txt');
  });

  it('where no source covers the place at that date, ZRR/FRR, ZFU and PIAS say « à préciser » with what to check and where, never « not eligible »', () => {
    const verdicts = evaluate(in2010, placeIn('zip', { commune: tours }), at2010);
    const zrr = reasonOf(verdictOf(verdicts, 'exoneration-ir-installation-zrr'), 'special-zone');
    expect(zrr).toMatchObject({ outcome: 'unknown' });
    expect(zrr.message).toMatch(/^À préciser : .*Tours.*France Ruralités Revitalisation.*Journal officiel/);
    const zfu = reasonOf(verdictOf(verdicts, 'exoneration-ir-installation-zfu'), 'special-zone');
    expect(zfu.message).toContain('sig.ville.gouv.fr');
    const pias = reasonOf(verdictOf(verdicts, 'pias'), 'special-zone');
    expect(pias.message).toContain("l'ARS, qui signe le contrat PIAS");
    for (const id of ['exoneration-ir-installation-zrr', 'exoneration-ir-installation-zfu', 'pias']) {
      expect(verdictOf(verdicts, id).reasons.filter((r) => r.criterion === 'special-zone' && r.outcome === 'not-met')).toEqual([]);
    }
  });

  it('the CFE exemption (fewer than 2 000 inhabitants, ZRR, ZIP or ZAC [001:1404-1407]) says which fact is missing', () => {
    const verdicts = evaluateEligibility({ profile: juniorGp({ practiceMode: 'alone' }), place: placeIn('none', { commune: tours }), at: '2026-06-15', catalogue });
    const reason = reasonOf(verdicts.find((v) => v.schemeId === 'exoneration-cfe-cabinet-secondaire')!, 'special-zone');
    expect(reason.outcome).toBe('unknown');
    expect(reason.message).toContain('classement ZRR/FRR');
  });
});
