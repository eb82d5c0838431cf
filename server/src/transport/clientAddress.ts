import type { IncomingMessage } from 'node:http';
import { isIP, isIPv6 } from 'node:net';
import type express from 'express';

/**
 * AB-8: the address a request comes from, decided exactly as Express decides `req.ip` (so the `trust proxy`
 * setting, TRUST_PROXY, means the same for HTTP routes, WebSocket upgrades and Socket.io handshakes), then
 * turned into the key the per-address limits count under (`addressKey`).
 */
export function clientAddressOf(app: express.Express, req: IncomingMessage): string {
  // Express's `ip` getter reads only `app`, the headers and the socket: borrow it for a raw request.
  const view = Object.create(app.request, {
    headers: { value: req.headers },
    socket: { value: req.socket },
    connection: { value: req.socket },
  }) as { ip?: string };
  return addressKey(view.ip ?? req.socket.remoteAddress ?? 'unknown');
}

/**
 * One key per client: an IPv4 address as itself (also when written as IPv4-mapped IPv6), an IPv6 address by
 * its /64 network — one subscriber usually holds a whole /64, so counting single IPv6 addresses would let one
 * client count as billions.
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = ip.includes('::') && tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':') + '::/64';
}

/** Express's (proxy-addr's) names for ranges of addresses, allowed in TRUST_PROXY beside addresses and subnets */
const NAMED_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * CG-1: whether TRUST_PROXY is a value Express takes: true/false, a number of hops, or a comma-separated list of
 * addresses, subnets (`10.0.0.0/8`) and named ranges. Anything else made Express throw inside createApp, a stack trace.
 */
export function isTrustProxy(value: string): boolean {
  const v = value.trim();
  if (v === '' || v === 'false' || v === 'true' || /^\d+$/.test(v)) return true;
  return v.split(',').every((entry) => {
    const [address = '', prefix, more] = entry.trim().split('/');
    if (more !== undefined) return false;
    if (prefix === undefined) return NAMED_RANGES.includes(address) || isIP(address) !== 0;
    const family = isIP(address);
    if (family === 0) return false;
    if (family === 4 && isIP(prefix) === 4) return true; // a netmask, 10.0.0.0/255.0.0.0
    return /^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
  });
}

/** TRUST_PROXY as Express's `trust proxy` takes it: true/false, a number of hops, or addresses and subnets. */
export function parseTrustProxy(value: string): boolean | number | string {
  const v = value.trim();
  if (v === '' || v === 'false') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  return v;
}
