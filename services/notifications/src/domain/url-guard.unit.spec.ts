import { describe, expect, it } from '@jest/globals';
import { invalidCidrs, reachedAddress, UrlGuard } from './url-guard.js';

const production = new UrlGuard({ allowLoopback: false, allowedCidrs: [] });
const testMode = new UrlGuard({ allowLoopback: true, allowedCidrs: [] });
const url = (raw: string) => new URL(raw);

describe('webhook URL guard', () => {
  it('requires https outside loopback test mode', () => {
    expect(production.checkUrl('http://partenaire.example.fr/hook')).toEqual({ ok: false, reason: 'https obligatoire : l’adresse doit commencer par https://' });
    expect(production.checkUrl('https://partenaire.example.fr/hook').ok).toBe(true);
    expect(production.checkUrl('ftp://partenaire.example.fr').ok).toBe(false);
    expect(production.checkUrl('pas une adresse').ok).toBe(false);
    expect(production.checkUrl('https://user:pass@partenaire.example.fr').ok).toBe(false);
  });

  it('refuses private, loopback, link-local and reserved targets, in IPv4 and IPv6', () => {
    const target = url('https://partenaire.example.fr');
    for (const address of ['10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '127.0.0.1', '0.0.0.0', '100.64.0.1', '224.0.0.1', '::1', '::', 'fc00::1', 'fd12:3456::1', 'fe80::1', '::ffff:10.0.0.1', '::ffff:a9fe:a9fe', '64:ff9b::a00:1', '2002:a00:1::1']) {
      const checked = production.checkAddress(address, target);
      expect(checked.ok ? address : 'refusée').toBe('refusée');
    }
    for (const address of ['93.184.216.34', '172.32.0.1', '2606:4700::1111']) expect(production.checkAddress(address, target).ok).toBe(true);
    expect(production.checkAddress('10.1.2.3', target)).toEqual({ ok: false, reason: 'destination interdite : l’hôte désigne un réseau privé, local ou réservé' });
  });

  it('judges IPv6 forms that embed an IPv4 address as that address: compatible, mapped, translated, NAT64', () => {
    const target = url('https://partenaire.example.fr');
    const internal = ['::127.0.0.1', '[::127.0.0.1]', '::7f00:1', '::10.0.0.1', '::a9fe:a9fe', '::ffff:127.0.0.1', '::ffff:0:127.0.0.1', '::ffff:0:7f00:1', '::ffff:0:a00:1', '64:ff9b::127.0.0.1', '64:ff9b::c0a8:101', '64:ff9b::a9fe:a9fe'];
    for (const address of internal) expect(production.checkAddress(address, target).ok ? address : 'refusée').toBe('refusée');
    for (const address of ['::ffff:0:5db8:d822', '64:ff9b::93.184.216.34']) expect(production.checkAddress(address, target).ok ? 'acceptée' : address).toBe('acceptée');
    expect(production.checkUrl('https://[::127.0.0.1]/hook').ok).toBe(true);
    expect(reachedAddress('[::7f00:1]')?.toString()).toBe('127.0.0.1');
  });

  it('never names the address a host resolved to in its refusal', () => {
    const target = url('https://interne.partenaire.example.fr');
    for (const address of ['10.9.8.7', '::7f00:1', 'fd12:3456::9', '::ffff:0:c0a8:1']) {
      const checked = production.checkAddresses(['93.184.216.34', address], target);
      expect(checked.ok).toBe(false);
      const reason = checked.ok ? '' : checked.reason;
      expect(reason).not.toContain(address);
      expect(reason).not.toMatch(/\d+\.\d+\.\d+\.\d+|[0-9a-f]*:[0-9a-f]*:/i);
    }
  });

  it('refuses the whole host when any of its addresses is internal', () => {
    expect(production.checkAddresses(['93.184.216.34', '10.0.0.5'], url('https://rebond.example')).ok).toBe(false);
    expect(production.checkAddresses([], url('https://inconnu.example'))).toEqual({ ok: false, reason: 'nom d’hôte introuvable : inconnu.example' });
  });

  it('in loopback test mode accepts http to 127.0.0.1 and ::1 only', () => {
    expect(testMode.checkUrl('http://127.0.0.1:8080/hook').ok).toBe(true);
    expect(testMode.checkAddress('127.0.0.1', url('http://127.0.0.1:8080')).ok).toBe(true);
    expect(testMode.checkAddress('::1', url('http://[::1]:8080')).ok).toBe(true);
    expect(testMode.checkAddress('93.184.216.34', url('http://partenaire.example.fr')).ok).toBe(false);
    expect(testMode.checkAddress('192.168.1.1', url('https://partenaire.example.fr')).ok).toBe(false);
  });

  it('opens only the ranges an operator configured', () => {
    const guard = new UrlGuard({ allowLoopback: false, allowedCidrs: ['10.20.0.0/16'] });
    const target = url('https://si-interne.example');
    expect(guard.checkAddress('10.20.3.4', target).ok).toBe(true);
    expect(guard.checkAddress('10.21.0.1', target).ok).toBe(false);
    expect(invalidCidrs(['10.0.0.0/8', '10.0.0.0/33', 'abc'])).toEqual(['10.0.0.0/33', 'abc']);
    expect(reachedAddress('[::FFFF:7f00:1]')?.toString()).toBe('127.0.0.1');
  });
});
