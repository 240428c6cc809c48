import { BlockList, isIP } from 'node:net';

export interface UrlPolicy {
  /** Loopback test mode: plain http and 127.0.0.0/8, ::1 targets are accepted (never in production). */
  allowLoopback: boolean;
  /** Internal ranges an operator deliberately opens (CIDR, e.g. `10.20.0.0/16`). */
  allowedCidrs: readonly string[];
}

export type Check<T> = { ok: true; value: T } | { ok: false; reason: string };

// Every range that is not the public internet: private, shared, loopback, link-local, documentation,
// benchmarking, multicast, reserved, and the IPv6 forms that tunnel or translate IPv4 (IPv4-mapped
// addresses are unmapped first: node's BlockList would match every IPv4 address against ::ffff:0:0/96).
const NON_PUBLIC: ReadonlyArray<[string, number, 'ipv4' | 'ipv6']> = [
  ['0.0.0.0', 8, 'ipv4'],
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'],
  ['192.0.2.0', 24, 'ipv4'],
  ['192.88.99.0', 24, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['198.51.100.0', 24, 'ipv4'],
  ['203.0.113.0', 24, 'ipv4'],
  ['224.0.0.0', 4, 'ipv4'],
  ['240.0.0.0', 4, 'ipv4'],
  ['::', 128, 'ipv6'],
  ['::1', 128, 'ipv6'],
  ['64:ff9b::', 96, 'ipv6'],
  ['64:ff9b:1::', 48, 'ipv6'],
  ['100::', 64, 'ipv6'],
  ['2001::', 32, 'ipv6'],
  ['2001:db8::', 32, 'ipv6'],
  ['2002::', 16, 'ipv6'],
  ['fc00::', 7, 'ipv6'],
  ['fe80::', 10, 'ipv6'],
  ['fec0::', 10, 'ipv6'],
  ['ff00::', 8, 'ipv6'],
];

const nonPublic = new BlockList();
for (const [network, prefix, family] of NON_PUBLIC) nonPublic.addSubnet(network, prefix, family);

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** `::ffff:10.0.0.1` and `::ffff:a00:1` are IPv4 addresses in disguise; check them as such. */
export function unmapIpv4(address: string): string {
  const bare = address.replace(/^\[|\]$/g, '').toLowerCase();
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
  if (dotted?.[1]) return dotted[1];
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(bare);
  if (hex?.[1] && hex[2]) {
    const high = parseInt(hex[1], 16);
    const low = parseInt(hex[2], 16);
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
  }
  return bare;
}

function parseCidr(cidr: string): [string, number, 'ipv4' | 'ipv6'] | undefined {
  const [network = '', prefix = ''] = cidr.trim().split('/');
  const family = isIP(network);
  const bits = Number(prefix);
  if (family === 0 || !Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128)) return undefined;
  return [network, bits, family === 4 ? 'ipv4' : 'ipv6'];
}

export function invalidCidrs(cidrs: readonly string[]): string[] {
  return cidrs.filter((cidr) => parseCidr(cidr) === undefined);
}

/** Decides, for one policy, whether a URL and each address its host resolves to may be called. */
export class UrlGuard {
  private readonly opened = new BlockList();

  constructor(private readonly policy: UrlPolicy) {
    for (const cidr of policy.allowedCidrs) {
      const parsed = parseCidr(cidr);
      if (parsed) this.opened.addSubnet(...parsed);
    }
  }

  /** Scheme, credentials and host, before any name resolution. */
  checkUrl(raw: string): Check<URL> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return { ok: false, reason: 'adresse web invalide' };
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && this.policy.allowLoopback)) {
      return { ok: false, reason: 'https obligatoire : l’adresse doit commencer par https://' };
    }
    if (url.username !== '' || url.password !== '') return { ok: false, reason: 'identifiants dans l’adresse refusés : authentifiez-vous par la signature' };
    if (url.hostname === '') return { ok: false, reason: 'nom d’hôte absent' };
    return { ok: true, value: url };
  }

  /** One address the host resolves to (or the literal address of the URL). */
  checkAddress(address: string, url: URL): Check<string> {
    const ip = unmapIpv4(address);
    const family = isIP(ip);
    if (family === 0) return { ok: false, reason: `adresse IP illisible : ${address}` };
    const type = family === 4 ? 'ipv4' : 'ipv6';
    const isLoopback = loopback.check(ip, type);
    if (url.protocol === 'http:' && !isLoopback) return { ok: false, reason: 'https obligatoire hors boucle locale de test' };
    if (isLoopback && this.policy.allowLoopback) return { ok: true, value: ip };
    if (nonPublic.check(ip, type) && !this.opened.check(ip, type)) {
      return { ok: false, reason: `destination interdite : ${ip} appartient à un réseau privé, local ou réservé` };
    }
    return { ok: true, value: ip };
  }

  checkAddresses(addresses: readonly string[], url: URL): Check<string[]> {
    if (addresses.length === 0) return { ok: false, reason: `nom d’hôte introuvable : ${url.hostname}` };
    for (const address of addresses) {
      const checked = this.checkAddress(address, url);
      if (!checked.ok) return checked;
    }
    return { ok: true, value: addresses.map(unmapIpv4) };
  }
}
