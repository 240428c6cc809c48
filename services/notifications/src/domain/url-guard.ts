import ipaddr from 'ipaddr.js';

export interface UrlPolicy {
  /** Loopback test mode: plain http and 127.0.0.0/8, ::1 targets are accepted (never in production). */
  allowLoopback: boolean;
  /** Internal ranges an operator deliberately opens (CIDR, e.g. `10.20.0.0/16`). */
  allowedCidrs: readonly string[];
}

export type Check<T> = { ok: true; value: T } | { ok: false; reason: string };

type Address = ipaddr.IPv4 | ipaddr.IPv6;
type Range = [Address, number];

const ranges = (cidrs: readonly string[]): Range[] => cidrs.map((cidr) => ipaddr.parseCIDR(cidr));

// Every range that is not the public internet: private, shared, loopback, link-local, documentation,
// benchmarking, multicast, reserved, and the IPv6 tunnels (6to4, Teredo, local-use NAT64) whose
// inner address cannot be checked here.
const NON_PUBLIC = ranges([
  '0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.0.0.0/24', '192.0.2.0/24',
  '192.88.99.0/24', '192.168.0.0/16', '198.18.0.0/15', '198.51.100.0/24', '203.0.113.0/24', '224.0.0.0/4', '240.0.0.0/4',
  '::/128', '::1/128', '64:ff9b:1::/48', '100::/64', '2001::/32', '2001:db8::/32', '2002::/16', 'fc00::/7', 'fe80::/10', 'fec0::/10', 'ff00::/8',
]);

// IPv6 forms that carry an IPv4 address in their last 32 bits: IPv4-mapped (::ffff:a.b.c.d),
// IPv4-compatible (::a.b.c.d, deprecated but still routed by some stacks to the IPv4 address),
// IPv4-translated (::ffff:0:a.b.c.d) and the well-known NAT64 prefix (64:ff9b::a.b.c.d). Each is
// judged as the IPv4 address it reaches.
const EMBEDDING_IPV4 = ranges(['::ffff:0:0/96', '::/96', '::ffff:0:0:0/96', '64:ff9b::/96']);

const LOOPBACK = ranges(['127.0.0.0/8', '::1/128']);

const within = (address: Address, list: readonly Range[]): boolean => list.some(([network, bits]) => network.kind() === address.kind() && address.match(network, bits));

/** The address as reached: an IPv6 form that embeds an IPv4 address is that IPv4 address. */
export function reachedAddress(raw: string): Address | undefined {
  const bare = raw.replace(/^\[|\]$/g, '');
  if (!ipaddr.isValid(bare)) return undefined;
  const address = ipaddr.parse(bare);
  if (address.kind() === 'ipv4' || within(address, LOOPBACK) || !within(address, EMBEDDING_IPV4)) return address;
  return ipaddr.fromByteArray(address.toByteArray().slice(12));
}

export function invalidCidrs(cidrs: readonly string[]): string[] {
  return cidrs.filter((cidr) => !ipaddr.isValidCIDR(cidr.trim()));
}

/**
 * Decides, for one policy, whether a URL and each address its host resolves to may be called. A
 * refusal never names the address a host resolved to: the partner would learn the layout of the
 * internal network from it.
 */
export class UrlGuard {
  private readonly opened: Range[];

  constructor(private readonly policy: UrlPolicy) {
    this.opened = ranges(policy.allowedCidrs.map((cidr) => cidr.trim()));
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
  checkAddress(raw: string, url: URL): Check<string> {
    const address = reachedAddress(raw);
    if (!address) return { ok: false, reason: 'adresse IP illisible' };
    const isLoopback = within(address, LOOPBACK);
    if (url.protocol === 'http:' && !isLoopback) return { ok: false, reason: 'https obligatoire hors boucle locale de test' };
    if (isLoopback && this.policy.allowLoopback) return { ok: true, value: address.toString() };
    if (within(address, NON_PUBLIC) && !within(address, this.opened)) {
      return { ok: false, reason: 'destination interdite : l’hôte désigne un réseau privé, local ou réservé' };
    }
    return { ok: true, value: address.toString() };
  }

  checkAddresses(addresses: readonly string[], url: URL): Check<string[]> {
    if (addresses.length === 0) return { ok: false, reason: `nom d’hôte introuvable : ${url.hostname}` };
    const reached: string[] = [];
    for (const address of addresses) {
      const checked = this.checkAddress(address, url);
      if (!checked.ok) return checked;
      reached.push(checked.value);
    }
    return { ok: true, value: reached };
  }
}
