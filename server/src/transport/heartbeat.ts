/**
 * RC-14: how soon the room sees that a connection went silent (a laptop closed, a phone out of coverage): the server
 * pings every `pingIntervalMs` and lets a connection go when no answer came `pingTimeoutMs` after a ping, so a silent
 * one is offline for everyone at most `pingIntervalMs + pingTimeoutMs` (9 s) after its last answer. Socket.io's
 * defaults (25 s + 20 s) and Candor's former 10 s + 10 s left a closed laptop "online" in People for 10–20 s.
 *
 * Why the shorter wait drops no one who stayed: the page's own heartbeat (UI-9, `client/src/sync/connectionHealth.ts`)
 * asks every 1.5 s and reconnects when an answer takes more than 2 s, so a link that could not carry a pong back within
 * 5 s (a slow phone, a big download queued before it) had already been dropped and rejoined by the page itself. What
 * it costs: a ping (1 byte) out and a pong back every 4 s per connection, answered by engine.io below Socket.io, so
 * not from the commands' budget (IN-18); each pong is read-paced as any packet (IN-33: 256 bytes, 64 a second of a
 * connection's 64 KiB a second).
 */
export const HEARTBEAT = {
  pingIntervalMs: 4_000,
  pingTimeoutMs: 5_000,
  /** the most PING_INTERVAL_MS and PING_TIMEOUT_MS may each be (10 minutes): see config.ts */
  mostMs: 600_000,
} as const;

/**
 * JN-9 SW-1: how long a device gone silent (a laptop asleep with the board open) holds its person's name at most, as
 * the refusal tells the newcomer who is that person: the heartbeat lets the connection go `pingIntervalMs +
 * pingTimeoutMs` after its last answer, and a second more covers the room hearing it; in whole seconds, up. 10 with the
 * defaults; it follows PING_INTERVAL_MS and PING_TIMEOUT_MS, so the words never promise less than the server does.
 */
export function nameHeldSeconds(heartbeat: { pingIntervalMs: number; pingTimeoutMs: number }): number {
  return Math.ceil((heartbeat.pingIntervalMs + heartbeat.pingTimeoutMs + 1_000) / 1_000);
}
