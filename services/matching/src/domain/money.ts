import type { Money } from '@guichet/contracts';

const NBSP = '\u00a0';

export function eur(amountCents: number): Money {
  return { amountCents, currency: 'EUR' };
}

/** French display of an amount in cents: « 10 000 € », « 0,25 € » (no-break spaces, as French typography wants). */
export function formatEuros(amountCents: number): string {
  const euros = Math.trunc(amountCents / 100);
  const cents = Math.abs(amountCents % 100);
  const grouped = String(Math.abs(euros)).replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  const sign = amountCents < 0 ? '-' : '';
  const decimals = cents === 0 ? '' : `,${String(cents).padStart(2, '0')}`;
  return `${sign}${grouped}${decimals}${NBSP}€`;
}
