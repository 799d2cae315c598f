import { lookup as dnsLookup } from 'node:dns';
import type { LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { withoutInvisible } from './addressText';
import { FeedError } from './feedError';

/**
 * The server-side request guard. A feed address comes from a user, so every
 * request and every redirect hop is checked: http(s) only, no credentials in
 * the address, and (unless FEEDS_ALLOW_PRIVATE) only public unicast
 * addresses. Anything ipaddr.js does not class as plain `unicast` is refused:
 * loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local
 * (169.254/16, fe80::/10), CGNAT (100.64/10), unspecified, broadcast,
 * multicast, reserved and documentation ranges, Teredo. IPv6 forms that embed
 * an IPv4 address (IPv4-mapped ::ffff:a.b.c.d, IPv4-compatible ::a.b.c.d,
 * NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by the IPv4 address inside.
 * Hosts named in FEEDS_ALLOW_HOSTS may be private (an intranet feed) without
 * opening every private address.
 */

/** Which hosts may resolve to private addresses: all of them (FEEDS_ALLOW_PRIVATE), or those listed (FEEDS_ALLOW_HOSTS). */
export interface PrivatePolicy {
  allowPrivate: boolean;
  allowHosts?: readonly string[];
}

function mayBePrivate(host: string, policy: PrivatePolicy): boolean {
  if (policy.allowPrivate) return true;
  const name = host
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  return (policy.allowHosts ?? []).some((allowed) => allowed.replace(/^\[|\]$/g, '') === name);
}

const RANGE_NAMES: Record<string, string> = {
  loopback: 'a loopback address (this machine)',
  private: 'a private network address',
  uniqueLocal: 'a private network address',
  linkLocal: 'a link-local address',
  carrierGradeNat: 'a shared (carrier-grade NAT) address',
  unspecified: 'an unspecified address',
  broadcast: 'a broadcast address',
  multicast: 'a multicast address',
};

/** Why an IP address may not be fetched, or null when it is a public unicast address. */
export function refusalReason(address: string): string | null {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address.replace(/^\[|\]$/g, '').replace(/%.*$/, ''));
  } catch {
    return 'not a valid IP address';
  }
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    const range = v6.range();
    const bytes = v6.toByteArray();
    // ::a.b.c.d (IPv4-compatible, deprecated) reaches the IPv4 host on some systems: ::7f00:1 is 127.0.0.1. :: and ::1 keep their own ranges.
    const compatible = bytes.slice(0, 12).every((byte) => byte === 0) && (bytes[12]! | bytes[13]!) !== 0;
    if (v6.isIPv4MappedAddress()) parsed = v6.toIPv4Address();
    else if (compatible) parsed = new ipaddr.IPv4(bytes.slice(12, 16));
    else if (range === 'rfc6052') parsed = new ipaddr.IPv4(bytes.slice(12, 16));
    else if (range === '6to4') parsed = new ipaddr.IPv4(bytes.slice(2, 6));
  }
  const range = parsed.range();
  if (range === 'unicast') return null;
  return RANGE_NAMES[range] ?? `a reserved address (${range})`;
}

/** The refusal names the host as given, never what a name resolved to (that would map the operator's network for anyone). */
function refused(host: string, reason: string): FeedError {
  return new FeedError(
    'refused_address',
    `That address points to ${reason}: ${host}. For safety the bot only fetches feeds from public internet addresses; the bot's operator can allow this host with FEEDS_ALLOW_HOSTS (or every private address with FEEDS_ALLOW_PRIVATE).`,
  );
}

/**
 * Parses and checks a feed address: http(s) only, no user name or password.
 * Returns the normalised URL (fragment dropped).
 */
export function parseFeedUrl(input: string): URL {
  const text = withoutInvisible(input)
    .trim()
    .replace(/^<(.*)>$/s, '$1')
    .trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new FeedError(
      'invalid_url',
      `That is not a web address: "${text.slice(0, 100)}". Give the full address of the feed, starting with https://.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FeedError('invalid_url', `Only http and https addresses can be followed (this one starts with ${url.protocol}).`);
  }
  if (url.username || url.password) {
    throw new FeedError('invalid_url', 'Addresses with a user name or password in them are not supported.');
  }
  if (!url.hostname) throw new FeedError('invalid_url', 'That address has no host name.');
  url.hash = '';
  return url;
}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

/**
 * The check made before a request: an IP literal is judged at once (no DNS,
 * no connection). A host name is resolved and all its addresses judged only
 * when `resolve` is set (for an injected fetch, which cannot be pinned);
 * otherwise the connection's own lookup (guardedLookup) judges it.
 */
export async function checkUrlTarget(url: URL, policy: PrivatePolicy, resolve: boolean): Promise<void> {
  const host = hostOf(url);
  if (mayBePrivate(host, policy)) return;
  if (isIP(host)) {
    const reason = refusalReason(host);
    if (reason) throw refused(host, reason);
    return;
  }
  if (!resolve) return;
  const addresses = await new Promise<LookupAddress[]>((done, fail) =>
    dnsLookup(host, { all: true }, (error, found) => (error ? fail(error) : done(found))),
  );
  for (const { address } of addresses) {
    const reason = refusalReason(address);
    if (reason) throw refused(host, reason);
  }
}

/**
 * A `lookup` for node:net that resolves a host once, judges every address
 * and hands the connection only checked addresses, so the address checked is
 * the address connected to (no DNS rebinding between check and connect).
 */
export function guardedLookup(policy: PrivatePolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      if (!mayBePrivate(hostname, policy)) {
        for (const { address } of addresses) {
          const reason = refusalReason(address);
          if (reason) return callback(refused(hostname, reason), '', 0);
        }
      }
      const first = addresses[0];
      if (!first) {
        const missing: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
        missing.code = 'ENOTFOUND';
        return callback(missing, '', 0);
      }
      if (options.all) (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
      else callback(null, first.address, first.family);
    });
  };
}
