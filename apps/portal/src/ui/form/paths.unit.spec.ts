import { describe, expect, it } from '@jest/globals';
import { errorMap, getAt, setAt } from './paths.js';

describe('field paths', () => {
  it('reads nested fields and list items as the contracts name them', () => {
    const data = { targets: { communes: ['37261', '37072'] }, contact: { email: 'a@b.fr' } };
    expect(getAt(data, 'targets.communes[1]')).toBe('37072');
    expect(getAt(data, 'contact.email')).toBe('a@b.fr');
    expect(getAt(data, 'needs.premises.surfaceM2Min')).toBeUndefined();
  });

  it('writes a copy, creating the objects and lists on the way, and leaves the original alone', () => {
    const data = { contact: { email: 'a@b.fr' } };
    const next = setAt(data, 'previousAids[0].receivedOn', '2020-01-01');
    expect(next).toEqual({ contact: { email: 'a@b.fr' }, previousAids: [{ receivedOn: '2020-01-01' }] });
    expect(data).toEqual({ contact: { email: 'a@b.fr' } });
    expect(setAt(next, 'contact.phone', '0612345678').contact).toEqual({ email: 'a@b.fr', phone: '0612345678' });
  });

  it('removes an emptied field instead of storing an empty value', () => {
    expect(setAt({ contact: { email: 'a@b.fr', phone: '06' } }, 'contact.phone', undefined)).toEqual({ contact: { email: 'a@b.fr' } });
  });

  it('keeps the first message of a field that fails several ways', () => {
    expect(
      errorMap([
        { field: 'rpps', detail: 'premier' },
        { field: 'rpps', detail: 'second' },
      ]),
    ).toEqual({ rpps: 'premier' });
  });
});
