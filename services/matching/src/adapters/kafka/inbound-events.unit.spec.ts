import { topics } from '@guichet/contracts';
import { describe, expect, it } from '@jest/globals';
import type { InboundEvent } from '@guichet/platform';
import { submitted } from '../../../test/support.js';
import { typed, validatorFor } from './inbound-events.js';

const received = (data: unknown): InboundEvent => ({
  id: 'e-1',
  type: 'fr.sante.guichet.intake.request-submitted.v1',
  source: 'test',
  specversion: '1.0',
  datacontenttype: 'application/json',
  data,
  key: null,
  topic: topics.intakeRequests,
  partition: 0,
  offset: '0',
});

describe('an intake event on receipt', () => {
  const validate = validatorFor(topics.intakeRequests);

  it('is typed from its contract check, not checked a second time', () => {
    const event = received(submitted('00000000-0000-4000-8000-0000000000aa'));
    expect(validate(event)).toEqual({ ok: true });
    const first = typed(topics.intakeRequests, event);
    expect(first.type).toBe('fr.sante.guichet.intake.request-submitted.v1');
    expect(typed(topics.intakeRequests, event)).toBe(first);
  });

  it('is checked when typed without having passed the check, and refused when it breaks the contract', () => {
    const broken = received({ requestId: 'not-a-request' });
    expect(validate(broken).ok).toBe(false);
    expect(() => typed(topics.intakeRequests, broken)).toThrow('non conforme');
    expect(() => typed(topics.catalogueOffers, received(submitted('00000000-0000-4000-8000-0000000000aa')))).toThrow('non conforme');
  });
});
