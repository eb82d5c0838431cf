/**
 * Tuning numbers that keep one client from taking Candor away from everyone else (SPEC AB-*). Each is a
 * rate or a count per client address (see `transport/clientAddress.ts`, and TRUST_PROXY behind a proxy).
 */
export const ABUSE_LIMITS = {
  /** AB-2: a connection must finish its HTTP request or WebSocket handshake within this long. */
  handshakeTimeoutMs: 5_000,
  /** AB-2: how often Node checks connections for the headers/request timeouts. */
  timeoutCheckIntervalMs: 1_000,
  /** AB-2: the whole HTTP request (headers and body) must have arrived within this long. */
  requestTimeoutMs: 30_000,
  /**
   * AB-3: open WebSockets (a document's) plus Socket.io connections from one address. A person uses two (the board
   * document comes over Socket.io, the notes over a WebSocket of their own); a whole office behind one NAT fits many
   * times over.
   */
  connectionsPerAddress: 256,
  /**
   * AB-11: bytes the connections of one address may hold unsent together, over both transports
   * (`SEND_BUFFER_BYTES_PER_ADDRESS`), besides DO-7's cap per connection: without it AB-3's 256 connections at 8 MiB
   * each could hold 2 GiB. 64 MiB is 256 KiB for each of those 256 connections — more than two reveals of a
   * 1,500-card board (~110 KB each, docs/performance.md) waiting on every one of them at once, which is what a whole
   * office behind one NAT receives — or 8 connections at the per-connection cap.
   */
  sendBufferBytesPerAddress: 64 * 1024 * 1024,
  /**
   * AB-3: raw TCP sockets one address may hold beyond its connections (plain HTTP requests, handshakes in
   * progress); only for direct peers: behind a proxy every peer is the proxy.
   */
  socketSlackPerAddress: 64,
  /**
   * AB-1: upgrades one address may have refused (404 unknown path, 429 too many connections) at once, then
   * this many a second; past that each refusal is answered only after `refusedUpgradeDelayMs`. A client that
   * loops on refused upgrades is slowed to that pace instead of having thousands a second parsed and
   * answered (which grows the server's heap by tens of megabytes a minute: the abuse bench).
   */
  refusedUpgradeBurstPerAddress: 20,
  refusedUpgradesPerSecondPerAddress: 10,
  refusedUpgradeDelayMs: 1_000,
  /** AB-4: new participants one address may add (across all boards): a burst, then this many a second. */
  joinBurstPerAddress: 60,
  joinsPerSecondPerAddress: 1,
  /** AB-6: a participant who never did anything is forgotten this long after their last connection closed. */
  idleJoinerExpiryMs: 10 * 60_000,
  /** AB-7: boards and teams one address may create: a burst, then this many a second. */
  createBurstPerAddress: 20,
  createsPerSecondPerAddress: 0.2,
  /** AB-7: the backstop for every address together. */
  createBurstGlobal: 300,
  createsPerSecondGlobal: 5,
  /**
   * AB-7: the global ceiling is shared fairly: an address must leave this many of its tokens, in proportion to what
   * it created over the last `createWeightWindowMs` (20 or more: all of them), for addresses that created little.
   * Addresses at their limit can spend the global ceiling down to 150, not below, so newcomers always find some;
   * 10 minutes is long enough that an address must stay under 2 a minute to count as light, so locking newcomers out
   * takes some 200 addresses, each pacing itself to one every 30 s, where 25 at their limit did (a simulation over
   * `AddressBuckets`: 150 such addresses left every newcomer able to create, 200 a third of them).
   */
  createGlobalReserve: 150,
  createWeightWindowMs: 10 * 60_000,
  /**
   * DO-15: what one address's notes connections together may make the server spend placing their updates, in
   * Yjs items placed, walked past or rebuilt (0.2–1.1 µs each, `rooms/notesBounds.ts`): a burst, then this many
   * a second. A keystroke costs 1–5, someone back after 2 minutes offline ~800; 20,000 a second is at most ~2 %
   * of a core.
   */
  notesWorkBurstPerAddress: 200_000,
  notesWorkPerSecondPerAddress: 20_000,
  /**
   * AB-13: what one address's HTTP reads of boards (a board's view, its exports, a team's history) may make the server
   * do, in board items: for each board read, the events replayed from its log when it is read from storage, else its
   * cards and people projected. A burst, then this many a second. Replaying costs ~3 µs an item (a 1,000-card retro
   * ~3 ms), so 20,000 a second is ~6 % of a core; the burst is a whole office behind one NAT opening a 1,500-card
   * board at once (50 × ~1,550), or a team page of 100 such retros.
   */
  readWorkBurstPerAddress: 200_000,
  readWorkPerSecondPerAddress: 20_000,
  /** AB-13: an address's board reads run one after another; this many may wait their turn, further ones are refused */
  readsWaitingPerAddress: 64,
  /**
   * IN-33: bytes a Socket.io connection may send, each packet counted at least `readPacketMinBytes`: a burst, then this
   * many a second, for the connection and for its address; past either its WebSocket is paused until paid back.
   * Decoding runs at ~60 MB a second of a core for packets built to be slow (many small objects), so an address's
   * 1 MiB a second is under 2 % of a core. A person sends far less: 60 commands of a 1,000-character card at once is
   * ~70 KB, then at most 20 a second (IN-18); a message counts at least 256 bytes, so 256 a second at most.
   */
  readBytesBurstPerConnection: 256 * 1024,
  /** IN-33: a document WebSocket's burst instead: two of its largest messages (1 MiB, IN-20), so a big paste is read at once */
  readBytesBurstPerDocument: 2 * 1024 * 1024,
  readBytesPerSecondPerConnection: 64 * 1024,
  readBytesPerSecondPerAddress: 1024 * 1024,
  /** IN-33: an address's burst is this many seconds of its pace (MAX_READ_BYTES_PER_ADDRESS sets the pace): 4 MiB */
  readBytesBurstSeconds: 4,
  readPacketMinBytes: 256,
  /**
   * AB-14: commands and requests (IN-18's) of all of one address's Socket.io connections together, besides each
   * connection's 60 then 20 a second: without it AB-3's 256 connections could send 5,120 a second, most of a core (an
   * independent attack: 200 connections of one address editing a card at 20 a second each held 0.55 of a core). 200 a
   * second is 4 a second for each of 50 people behind one NAT; the burst is this many seconds of it (600).
   */
  commandsPerSecondPerAddress: 200,
  commandBurstSeconds: 3,
  /** IN-18: commands and requests of one Socket.io connection: a burst, then this many a second (past them RATE_LIMITED) */
  commandBurstPerConnection: 60,
  commandsPerSecondPerConnection: 20,
  /**
   * AB-15: HTTP requests of one address, whatever they ask for (a page, a script, `/api/features`): without a count,
   * 64 keep-alive connections asking for `/api/features` in a loop were answered 1,200 times a second and held 0.4 of
   * a core (an independent attack). A browser opening a board asks for about 46 files (the page, its scripts and
   * styles, and every part of the board fetched ahead, UI-16), most of them once (they are cached for an hour), so a
   * burst of 60 seconds' worth of 100 a second lets some 120 people behind one NAT open it at once (`chunks.spec`
   * counts the files; 30 seconds' worth let only some 65), and what a flood can take after it is about 3 % of a core. The request past it is answered 429 and its
   * connection closed, so a flood pays a new connection for every refusal.
   */
  requestsPerSecondPerAddress: 100,
  requestBurstSeconds: 60,
  /** AB-4/AB-7: how many addresses' buckets are kept; the least recently seen are dropped beyond it. */
  addressesTracked: 10_000,
  /** AB-9: warnings of one kind written per interval before they are only counted. */
  warningsPerInterval: 10,
  warningIntervalMs: 60_000,
} as const;
