import type { Money } from '@guichet/contracts';

const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const dateFormat = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const shortDay = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', year: 'numeric' });
const timeFormat = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export function formatMoney(money: Money | null | undefined): string {
  if (!money) return '—';
  return euros.format(money.amountCents / 100);
}

/** "2026-11-02" → "2 novembre 2026"; an ISO date-time keeps its hour. */
export function formatDate(iso: string | undefined): string {
  if (!iso) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) {
    const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
    return dateFormat.format(new Date(Date.UTC(year, month - 1, day, 12)));
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
}

export function formatTime(date: Date): string {
  return timeFormat.format(date);
}

export function formatDays(days: number): string {
  const rounded = Math.round(days * 10) / 10;
  return `${rounded.toLocaleString('fr-FR')} jour${Math.abs(rounded) >= 2 ? 's' : ''}`;
}

export function euroInputToMoney(text: string): Money | undefined {
  const normalised = text.replace(/\s/g, '').replace(',', '.');
  if (normalised === '') return undefined;
  const value = Number(normalised);
  if (!Number.isFinite(value)) return undefined;
  return { amountCents: Math.round(value * 100), currency: 'EUR' };
}

export function moneyToEuroInput(money: Money | undefined): string {
  return money ? String(money.amountCents / 100) : '';
}

/** The day only, short: "1 oct. 2026" (tables). */
export function formatDay(iso: string | undefined): string {
  if (!iso) return '—';
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T12:00:00Z` : iso);
  return Number.isNaN(date.getTime()) ? iso : shortDay.format(date);
}
