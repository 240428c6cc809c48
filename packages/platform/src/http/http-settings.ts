import ipaddr from 'ipaddr.js';
import { z } from 'zod';

/** Names proxy-addr (express's `trust proxy`) understands besides addresses and CIDR blocks. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

const isAddressOrRange = (item: string): boolean => NAMED_RANGES.has(item) || ipaddr.isValid(item) || ipaddr.isValidCIDR(item);

/**
 * `TRUST_PROXY`: which hops in front of the service may say who the client is (X-Forwarded-For).
 * Absent: none, the socket's peer is the client. A number: that many proxies, whatever their
 * address. Otherwise a comma-separated list of addresses, CIDR blocks or `loopback`, `linklocal`,
 * `uniquelocal`. `true` (trust every hop) is refused: any client could then choose its address.
 */
export const trustProxySetting = z
  .string()
  .transform((value, ctx): number | string[] => {
    const trimmed = value.trim();
    if (/^\d+$/.test(trimmed)) return Number(trimmed);
    const items = trimmed.split(',').map((item) => item.trim()).filter((item) => item !== '');
    const wrong = items.filter((item) => !isAddressOrRange(item));
    if (items.length === 0 || wrong.length > 0) {
      ctx.addIssue({ code: 'custom', message: `nombre de relais ou liste d’adresses, de blocs CIDR, loopback, linklocal, uniquelocal attendu (refusé : ${wrong.join(', ') || value})` });
      return z.NEVER;
    }
    return items;
  });

export type TrustProxy = false | number | readonly string[];

/** HTTP settings of every service, read with the common variables. */
export const httpEnvShape = {
  TRUST_PROXY: trustProxySetting.optional(),
  /** A request must be received whole (headers and body) within this time, or it is answered 408. */
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  /** The headers of a request must be received within this time. */
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(10_000),
};

export interface HttpSettings {
  TRUST_PROXY?: number | string[] | undefined;
  HTTP_REQUEST_TIMEOUT_MS: number;
  HTTP_HEADERS_TIMEOUT_MS: number;
}
