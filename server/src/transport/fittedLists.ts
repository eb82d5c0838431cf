/**
 * ME-14: the first time V8 grows an array (an empty one pushed to, or a listener list going from two listeners to
 * three), it leaves room for 16 more elements: ~130 bytes. A connection fills a few lists once, while it opens,
 * and then keeps them unchanged for its lifetime: its TCP socket's and its engine.io socket's `close` listeners,
 * engine.io's clean-up list for its transport, Socket.io's `onAny` list and its packet decoder's `decoded`
 * listeners. Once it is open, each is replaced by a copy of its exact length (~650 bytes less per connection,
 * about 5 KB of an 8-person board). A list that grows again later only costs that room again.
 *
 * Every library here takes the list afresh from its field at each use (and copies it before calling listeners),
 * so a copy in its place is the same list to it. A field that is missing or not an array is left alone.
 */

/** Node's EventEmitter and component-emitter keep an event's listeners in an own table of the emitter */
type ListenerTable = Record<string, unknown>;

/** Copies `owner[field]` to its exact length when it is an array with elements. */
export function fitList(owner: object | null | undefined, field: string): void {
  if (!owner) return;
  const fields = owner as Record<string, unknown>;
  const list = fields[field];
  if (Array.isArray(list) && list.length > 0) fields[field] = list.slice();
}

/** Node's EventEmitter (`_events`): `event`'s listeners, when there are two or more (one is kept as the function itself). */
export function fitListeners(emitter: object | null | undefined, event: string): void {
  fitList((emitter as { _events?: ListenerTable } | null | undefined)?._events, event);
}

/**
 * Node's EventEmitter keeps its listener table (`_events`) as a dictionary that only grows: sized for its most
 * events at once, it stays so. Copied afresh, it is sized for the events it has now (and each list at its exact
 * length). An engine.io WebSocket transport's table is sized for six events; with the one it never emits dropped
 * (see `socketio.ts`), a fresh one for five is ~190 bytes smaller.
 */
export function fitListenerTable(emitter: object | null | undefined): void {
  const owner = emitter as { _events?: ListenerTable } | null | undefined;
  if (!owner?._events) return;
  const table: ListenerTable = Object.assign(Object.create(null) as ListenerTable, owner._events);
  for (const event of Object.keys(table)) fitList(table, event);
  owner._events = table;
}

/** component-emitter, Socket.io's parser's emitter (`_callbacks`, keyed `$event`). */
export function fitComponentListeners(emitter: object | null | undefined, event: string): void {
  fitList((emitter as { _callbacks?: ListenerTable } | null | undefined)?._callbacks, `$${event}`);
}
