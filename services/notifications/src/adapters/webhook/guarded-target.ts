import { lookup, type LookupAddress, type LookupAllOptions, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import type { TargetCheck } from '../../application/manage-subscriptions.js';
import type { Check, UrlGuard } from '../../domain/url-guard.js';

export class BlockedTarget extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'BlockedTarget';
  }
}

const hostOf = (url: URL): string => url.hostname.replace(/^\[|\]$/g, '');

function resolveAll(hostname: string): Promise<LookupAddress[]> {
  return new Promise((resolve) => {
    lookup(hostname, { all: true, verbatim: true }, (error, addresses) => resolve(error ? [] : addresses));
  });
}

/** Checks a subscription URL as it will be called: scheme, then every address its host resolves to. */
export function targetCheck(guard: UrlGuard): TargetCheck {
  return {
    async check(raw: string): Promise<Check<URL>> {
      const shape = guard.checkUrl(raw);
      if (!shape.ok) return shape;
      const host = hostOf(shape.value);
      const addresses = isIP(host) ? [host] : (await resolveAll(host)).map((a) => a.address);
      const checked = guard.checkAddresses(addresses, shape.value);
      return checked.ok ? shape : checked;
    },
  };
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * The `lookup` of every webhook connection: the addresses are checked at the moment the socket is
 * opened, so a host that resolved to a public address at subscription time and to an internal one
 * now (DNS rebinding) is still refused.
 */
export function guardedLookup(guard: UrlGuard, url: URL) {
  return (hostname: string, options: LookupOptions | LookupAllOptions, callback: LookupCallback): void => {
    lookup(hostname, { all: true, verbatim: true, ...(options.family ? { family: options.family } : {}) }, (error, addresses) => {
      if (error) {
        callback(error, []);
        return;
      }
      const checked = guard.checkAddresses(
        addresses.map((a) => a.address),
        url,
      );
      if (!checked.ok) {
        callback(new BlockedTarget(checked.reason), []);
        return;
      }
      const [first] = addresses;
      if (options.all) callback(null, addresses);
      else if (first) callback(null, first.address, first.family);
      else callback(new BlockedTarget(`nom d’hôte introuvable : ${hostname}`), []);
    });
  };
}

export function checkLiteralHost(guard: UrlGuard, url: URL): Check<string> | undefined {
  const host = hostOf(url);
  return isIP(host) ? guard.checkAddress(host, url) : undefined;
}
