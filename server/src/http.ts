import fs from 'node:fs';
import path from 'node:path';
import express, { type Request, type Response } from 'express';
import type { ZodType } from 'zod';
import helmet from 'helmet';
import {
  type Ack,
  type CreateBoardResponse,
  type CreateTeamResponse,
  CloseRetroRequest,
  MarkPromiseRequest,
  type MarkPromiseAnswer,
  type MyPromisesResponse,
  promisedBy,
  CreateBoardRequest,
  CreateTeamRequest,
  DEFAULT_SETTINGS,
  defaultRetroName,
  describeIssues,
  exportLanguage,
  fail,
  ok,
  type ErrorCode,
  type ExportLanguage,
  findTemplate,
  isTimeZone,
  TEAM_COLUMNS,
  renderActionsCsv,
  renderCsv,
  renderJson,
  renderTeamActionsCsv,
} from '@candor/shared';
import type { BoardRoom } from './rooms/BoardRoom.js';
import { TeamService } from './teams/TeamService.js';
import type { RoomRegistry } from './rooms/RoomRegistry.js';
import type { BoardStore } from './storage/BoardStore.js';
import type { StorageHealth } from './storage/storageHealth.js';
import type { Keyring } from './identity.js';
import { randomSecret } from './identity.js';
import type { Logger } from './logger.js';
import { ABUSE_LIMITS } from './abuseLimits.js';
import { AddressBuckets } from './transport/addressBuckets.js';
import { clientAddressOf } from './transport/clientAddress.js';
import { HttpReads, READ_REFUSED } from './transport/httpReads.js';
import { closeLeftOpen } from './teams/closeLeftOpen.js';
import { markPromise } from './teams/markPromise.js';

export interface HttpDeps {
  store: BoardStore;
  /** SO-2: storage errors, reported by /healthz */
  health?: StorageHealth;
  registry: RoomRegistry;
  keyring: Keyring;
  logger: Logger;
  now: () => number;
  newBoardId: () => string;
  newTeamId: () => string;
  clientDist: string | null;
  /** what this server can do beyond the basics (SU-2: email only with SMTP_URL) */
  features?: { email: boolean };
  /** AB-8: Express's `trust proxy` (TRUST_PROXY) */
  trustProxy: boolean | number | string;
  /** AB-15: requests a second one address may make, after a burst (MAX_REQUESTS_PER_ADDRESS) */
  requestsPerSecondPerAddress?: number;
}

const BOARD_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** RE-13: the HTTP status of a refused promise mark (CONFLICT-like refusals, WRONG_PHASE and ID_REUSED, are 409) */
const PROMISE_REFUSED: Partial<Record<ErrorCode, number>> = { NOT_YOURS: 403, BAD_CREDENTIALS: 403, NOT_JOINED: 403, NOT_FOUND: 404, INVALID_INPUT: 400, RATE_LIMITED: 429, INTERNAL: 500 };

/** A download name made only of safe characters. */
function fileNameOf(name: string): string {
  return name.replace(/[^A-Za-z0-9 _-]/g, '').trim().replace(/\s+/g, '-').slice(0, 60) || 'retro';
}

/** HTTP: create a board, read its public view, export it, serve the client. Reads only through the room's public view. */
export function createHttpApp(deps: HttpDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy);
  // AB-15: every request is paid from its address's bucket before anything else is done for it; the one past it is
  // refused and its connection closed, so a flood of cheap requests pays a new connection for each refusal
  const requestsPerSecond = deps.requestsPerSecondPerAddress ?? ABUSE_LIMITS.requestsPerSecondPerAddress;
  const requests = new AddressBuckets({
    burst: requestsPerSecond * ABUSE_LIMITS.requestBurstSeconds,
    perSecond: requestsPerSecond,
    maxAddresses: ABUSE_LIMITS.addressesTracked,
    now: deps.now,
  });
  app.use((req, res, next) => {
    if (requests.take(clientAddressOf(app, req))) return next();
    res.set('connection', 'close').status(429).json(fail('RATE_LIMITED', 'Too many requests from your address just now; try again in a minute.'));
  });
  app.use(
    helmet({
      contentSecurityPolicy: { directives: { 'connect-src': ["'self'", 'ws:', 'wss:'] } },
    }),
  );
  app.use(express.json({ limit: '16kb' }));

  // SO-2: 503 while storage writes fail (after trying a small write again), with the last storage error
  app.get('/healthz', async (_req, res) => {
    await deps.health?.recheck();
    const storage = { failing: deps.health?.failing ?? false, lastError: deps.health?.lastError ?? null };
    res.status(storage.failing ? 503 : 200).json({ ok: !storage.failing, boardsLoaded: deps.registry.loadedCount, storage });
  });

  app.get('/api/features', (_req, res) => {
    res.json({ email: deps.features?.email ?? false });
  });

  const teams = new TeamService(deps.store, deps.registry, deps.now);
  // AB-7: one bucket per client address, so one poller cannot lock everyone else out, and a global ceiling shared fairly.
  const createBuckets = new AddressBuckets({
    burst: ABUSE_LIMITS.createBurstPerAddress,
    perSecond: ABUSE_LIMITS.createsPerSecondPerAddress,
    maxAddresses: ABUSE_LIMITS.addressesTracked,
    global: {
      burst: ABUSE_LIMITS.createBurstGlobal,
      perSecond: ABUSE_LIMITS.createsPerSecondGlobal,
      reserve: ABUSE_LIMITS.createGlobalReserve,
      weightWindowMs: ABUSE_LIMITS.createWeightWindowMs,
    },
    now: deps.now,
  });
  const mayCreate = (req: Request) => createBuckets.take(clientAddressOf(app, req));

  // AB-13: reads of boards (views, exports, team histories, a team's review) are charged to their address, one at a time
  const reads = new HttpReads(deps.now);
  const tooManyReads = (res: Response) =>
    res.status(429).json(fail('RATE_LIMITED', 'Too many boards read from your address just now; try again in a minute.'));

  /** Creates a retro, inside a team when `teamId` is given (then it opens with Review of the team's open promises). */
  async function createBoard(req: Request, res: Response, teamId: string | null) {
    if (!mayCreate(req)) return res.status(429).json(fail('RATE_LIMITED', 'Too many boards created; try again in a minute.'));
    const parsed = CreateBoardRequest.safeParse(req.body);
    if (!parsed.success) return res.status(400).json(fail('INVALID_INPUT', describeIssues(parsed.error)));
    const timeZone = parsed.data.timeZone;
    if (timeZone !== undefined && !isTimeZone(timeZone)) return res.status(400).json(fail('BAD_TIME_ZONE', `“${timeZone}” is not a time zone this server knows.`));
    const ownColumnsAsked = teamId !== null && parsed.data.templateId === TEAM_COLUMNS;
    const stock = findTemplate(parsed.data.templateId);
    if (!stock && !ownColumnsAsked) return res.status(400).json(fail('INVALID_INPUT', 'Unknown template.'));
    const start = teamId ? await reads.run(clientAddressOf(app, req), (allowance) => teams.startFor(teamId, allowance)) : { review: [], ownColumns: null };
    if (start === READ_REFUSED || start === 'spent') return tooManyReads(res);
    if (!start) return res.status(404).json(fail('NOT_FOUND', 'No such team.'));
    const review = start.review;
    // TM-9: the team's own columns are the server's to find: those its last retro ended with, never the request's
    const template = ownColumnsAsked ? (start.ownColumns && { id: start.ownColumns.templateId, columns: start.ownColumns.columns }) : stock;
    if (!template) return res.status(400).json(fail('INVALID_INPUT', 'This team has no columns of its own yet.'));
    const cadenceDays = teamId ? await teams.cadenceFor(teamId, deps.now()) : null;
    const boardId = deps.newBoardId();
    const facilitatorKey = randomSecret();
    // NA-1: a retro created without a name is named after its team and number, or after the day.
    const team = teamId ? await deps.store.loadTeam(teamId) : null;
    const name = parsed.data.name ?? defaultRetroName(new Date(deps.now()), team ? { name: team.team.name, retroCount: team.boards.length } : null, parsed.data.lang);
    await deps.store.createBoard(
      { id: boardId, facilitatorHash: deps.keyring.facilitatorHash(boardId, facilitatorKey), createdAt: deps.now(), teamId },
      {
        type: 'board.created',
        name,
        templateId: template.id,
        columns: template.columns,
        settings: { ...DEFAULT_SETTINGS },
        ...(teamId ? { teamId, review, cadenceDays, ...(team ? { teamName: team.team.name } : {}) } : {}),
        ...(timeZone === undefined ? {} : { timeZone }),
      },
    );
    const body: CreateBoardResponse = { boardId, facilitatorKey, name };
    res.status(201).json(body);
  }

  app.post('/api/boards', (req: Request, res: Response) => createBoard(req, res, null));

  app.post('/api/teams', async (req: Request, res: Response) => {
    if (!mayCreate(req)) return res.status(429).json(fail('RATE_LIMITED', 'Too many teams created; try again in a minute.'));
    const parsed = CreateTeamRequest.safeParse(req.body);
    if (!parsed.success) return res.status(400).json(fail('INVALID_INPUT', describeIssues(parsed.error)));
    const teamId = deps.newTeamId();
    await deps.store.createTeam({ id: teamId, name: parsed.data.name, createdAt: deps.now() });
    const body: CreateTeamResponse = { teamId };
    res.status(201).json(body);
  });

  app.post('/api/teams/:id/boards', (req: Request<{ id: string }>, res: Response) =>
    BOARD_ID.test(req.params.id) ? createBoard(req, res, req.params.id) : res.status(404).json(fail('NOT_FOUND', 'No such team.')),
  );

  /**
   * TM-16, RE-13: a request of the team page that acts in one retro as a person of it: paced as creating is (AB-7), its
   * body checked by `schema`, the room loaded for the moment of it and left to unload after; `act` is the room's ack,
   * and `statusOf` the HTTP status of a refusal.
   */
  function actFromTeamPage<T>(schema: ZodType<T>, act: (room: BoardRoom, request: T, address: string) => Promise<Ack>, statusOf: (refused: ErrorCode) => number) {
    return async (req: Request<{ id: string }>, res: Response) => {
      if (!mayCreate(req)) return res.status(429).json(fail('RATE_LIMITED', 'Too many changes from your address; try again in a minute.'));
      const parsed = schema.safeParse(req.body);
      if (!parsed.success) return res.status(400).json(fail('INVALID_INPUT', describeIssues(parsed.error)));
      const room = BOARD_ID.test(req.params.id) ? await deps.registry.get(req.params.id) : null;
      if (!room) return res.status(404).json(fail('NOT_FOUND', 'No such board.'));
      try {
        const ack = await act(room, parsed.data, clientAddressOf(app, req));
        res.status(ack.ok ? 200 : statusOf(ack.code)).json(ack);
      } finally {
        deps.registry.scheduleUnload(room);
      }
    };
  }

  /**
   * TM-16: "Close it now" on the team page, for a retro of the team left open: its facilitator closes it from there
   * (`closeLeftOpen`: as on the board, a step at a time; the room's rules decide).
   */
  app.post(
    '/api/boards/:id/close',
    actFromTeamPage(
      CloseRetroRequest,
      (room, request, address) => {
        const teamId = room.state.teamId;
        return closeLeftOpen(room, request, address, async () => teamId !== null && (await teams.leftOpen(teamId, room.id)));
      },
      (refused) => (refused === 'NOT_FACILITATOR' || refused === 'BAD_CREDENTIALS' ? 403 : refused === 'INVALID_INPUT' ? 400 : 409),
    ),
  );

  /**
   * RE-13: "Mark done" on the team page (and on the closed retro's summary): an owner of a closed retro's promise says it is done, between retros
   * (`markPromise`: as a command of theirs in the room; the room's rules decide).
   */
  app.post(
    '/api/boards/:id/promise',
    actFromTeamPage(
      MarkPromiseRequest,
      async (room, request, address) => {
        const ack = await markPromise(room, request, address);
        if (!ack.ok) return ack;
        // where the room confirms it: a later retro's Review open now, or the next Review (the status said "the next
        // Review" while the next retro was already in it)
        const teamId = room.state.teamId;
        const answer: MarkPromiseAnswer = { reviewNow: teamId ? await teams.reviewShowing(teamId, room.id, request.actionId) : null };
        return ok(answer);
      },
      (refused) => PROMISE_REFUSED[refused] ?? 409,
    ),
  );

  app.get(['/api/teams/:id', '/api/teams/:id/export.json', '/api/teams/:id/actions.csv'], async (req: Request<{ id: string }>, res: Response) => {
    const teamId = req.params.id;
    const history = BOARD_ID.test(teamId) ? await reads.run(clientAddressOf(app, req), (allowance) => teams.history(teamId, allowance)) : null;
    if (history === READ_REFUSED || history === 'spent') return tooManyReads(res);
    if (!history) return res.status(404).json(fail('NOT_FOUND', 'No such team.'));
    if (req.path.endsWith('/actions.csv')) {
      // TM-14: every action of every retro of the team, for a spreadsheet (a retro's own actions.csv is one retro's)
      res.type('text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${fileNameOf(history.name)}-actions.csv"`);
      return res.send(renderTeamActionsCsv(history));
    }
    if (!req.path.endsWith('/export.json')) return res.json(history);
    // TM-10: a file to read, indented as a retro's own JSON export is; the page's read above stays one line
    res.type('application/json; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${fileNameOf(history.name)}-history.json"`);
    res.send(JSON.stringify(history, null, 2));
  });

  /**
   * JN-6: the board over HTTP is for the people in the room. The link alone gives the name (for the join form);
   * the public view and the exports need `Authorization: Candor <participant id> <secret>` of someone the door
   * would still let in, so a password, a removal or a knock holds here too, and nobody reads unseen.
   */
  function readerOf(req: Request, room: BoardRoom): 'stranger' | 'out' | 'in' {
    const credentials = credentialsOf(req);
    return credentials ? room.reader(credentials.participantId, credentials.secret) : 'stranger';
  }

  function credentialsOf(req: Request): { participantId: string; secret: string } | null {
    const match = /^Candor ([\w-]{1,64}) ([\w-]{1,128})$/.exec(req.get('authorization') ?? '');
    return match ? { participantId: match[1]!, secret: match[2]! } : null;
  }

  /**
   * AB-13: the loaded board `id` for a read charged to the request's address: the board's items when the read
   * projects it (`whole`) or had to load it, else one. `READ_REFUSED` when the address cannot afford a read now.
   */
  function readBoard<T>(req: Request<{ id: string }>, read: (room: BoardRoom | null) => T & { whole: boolean }): Promise<T | typeof READ_REFUSED> {
    const id = req.params.id;
    return reads.run(clientAddressOf(app, req), async (allowance) => {
      const wasLoaded = deps.registry.peek(id) !== undefined;
      const room = BOARD_ID.test(id) ? await deps.registry.get(id) : null;
      const answer = read(room);
      allowance.spend(room && (answer.whole || !wasLoaded) ? room.readItems : 1);
      return answer;
    });
  }

  /**
   * RE-13, TM-16: what this person may do in a retro from the team page: mark done the promises of a closed retro they
   * promised to help with, close a retro left open they facilitate, for the page to offer "Mark done" and "Close it
   * now" exactly where the room would take them: by who the room knows them to be (id and secret, JN-6), never by a
   * name, which two people may share or one may have changed since. `MyPromisesResponse`.
   */
  app.get('/api/boards/:id/mine', async (req: Request<{ id: string }>, res: Response) => {
    const answer = await readBoard(req, (room) => {
      if (!room) return { whole: false, status: 404, body: fail('NOT_FOUND', 'No such board.') };
      const seen = readerOf(req, room);
      if (seen === 'stranger') return { whole: false, status: 401, body: fail('NOT_JOINED', 'You were not in this retro.') };
      if (seen === 'out') return { whole: false, status: 403, body: fail('NOT_JOINED', 'You are no longer in this retro.') };
      // (one the room knows: the credentials were there)
      const { participantId } = credentialsOf(req)!;
      const closed = room.state.phase === 'closed';
      const body: MyPromisesResponse = { actionIds: closed ? promisedBy(room.state, participantId) : [], facilitating: !closed && room.state.facilitatorId === participantId };
      return { whole: false, status: 200, body };
    });
    if (answer === READ_REFUSED) return tooManyReads(res);
    res.status(answer.status).json(answer.body);
  });

  app.get('/api/boards/:id', async (req: Request<{ id: string }>, res: Response) => {
    const answer = await readBoard(req, (room) => {
      if (!room) return { whole: false, status: 404, body: fail('NOT_FOUND', 'No such board.') };
      // JN-3: the door says whom to ask, by name, as a refused join already does to anyone who tries.
      const facilitator = room.state.facilitatorId ? (room.state.participants.get(room.state.facilitatorId)?.name ?? null) : null;
      const door = { id: room.id, name: room.state.name, facilitator };
      const whole = readerOf(req, room) === 'in';
      return { whole, status: 200, body: whole ? { door, board: room.publicView() } : { door } };
    });
    if (answer === READ_REFUSED) return tooManyReads(res);
    res.status(answer.status).json(answer.body);
  });

  /** EX-*: every export of a closed retro, each rendered from the room's public view. */
  const exports: Record<string, { type: string; suffix: string; render: (room: BoardRoom, language: ExportLanguage) => string }> = {
    // EX-10: the summary's own words in the language the page asks for (`?lang=de`), English otherwise
    'export.md': { type: 'text/markdown; charset=utf-8', suffix: '.md', render: (room, language) => room.exportMarkdown(new Date(deps.now()), language) },
    'export.csv': { type: 'text/csv; charset=utf-8', suffix: '.csv', render: (room) => renderCsv(room.publicView()) },
    'actions.csv': {
      type: 'text/csv; charset=utf-8',
      suffix: '-actions.csv',
      render: (room) => renderActionsCsv(room.publicView(), room.notesText()),
    },
    'export.json': {
      type: 'application/json; charset=utf-8',
      suffix: '.json',
      render: (room) => JSON.stringify(renderJson(room.publicView(), room.notesText(), new Date(deps.now())), null, 2),
    },
  };
  app.get('/api/boards/:id/:file', async (req: Request<{ id: string; file: string }>, res: Response, next: express.NextFunction) => {
    const format = Object.hasOwn(exports, req.params.file) ? exports[req.params.file]! : null;
    if (!format) return next();
    const answer = await readBoard(req, (room) => {
      if (!room) return { whole: false, status: 404, body: fail('NOT_FOUND', 'No such board.') };
      const reader = readerOf(req, room);
      if (reader === 'stranger') return { whole: false, status: 401, body: fail('NOT_JOINED', 'Join the retro to download its export.') };
      if (reader === 'out') return { whole: false, status: 403, body: fail('NOT_JOINED', 'You are no longer in this retro.') };
      if (room.state.phase !== 'closed') return { whole: false, status: 409, body: fail('WRONG_PHASE', 'The export is ready once the retro is closed.') };
      return { whole: true, status: 200, body: null, file: { name: room.state.name, text: format.render(room, exportLanguage(req.query.lang)) } };
    });
    if (answer === READ_REFUSED) return tooManyReads(res);
    if (!answer.file) return res.status(answer.status).json(answer.body);
    res.type(format.type);
    res.setHeader('Content-Disposition', `attachment; filename="${fileNameOf(answer.file.name)}${format.suffix}"`);
    res.send(answer.file.text);
  });

  app.use('/api', (_req, res) => {
    res.status(404).json(fail('NOT_FOUND', 'No such endpoint.'));
  });

  if (deps.clientDist && fs.existsSync(path.join(deps.clientDist, 'index.html'))) {
    const dist = deps.clientDist;
    app.use(express.static(dist, { index: false, maxAge: '1h' }));
    // UI-16: a script of an older build (a tab opened before a deploy) is gone: 404, not the page under its name
    app.use('/assets', (_req, res) => {
      res.status(404).json(fail('NOT_FOUND', 'No such file.'));
    });
    app.get(/^\/(?!api\/|yjs\/|socket\.io\/).*/, (_req, res) => {
      // HT-3: a deploy that rebuilds the client in place takes index.html away for a moment: "try again", not an error
      // of the request (the handler below called sendFile's 404 "Malformed request.")
      res.sendFile(path.join(dist, 'index.html'), (err) => {
        if (err && !res.headersSent) res.status(503).set('Retry-After', '5').type('text/plain').send('Candor is being updated. Try again in a few seconds.');
      });
    });
  } else {
    app.get('/', (_req, res) => {
      res.type('text/plain').send('Candor server is running, but the client is not built. Run `npm start` from the repository root.');
    });
  }

  app.use((err: unknown, _req: Request, res: Response, _next: express.NextFunction) => {
    const status = (err as { status?: number }).status;
    if (status && status >= 400 && status < 500) return res.status(status).json(fail('INVALID_INPUT', 'Malformed request.'));
    deps.logger.error({ err }, 'http request failed');
    res.status(500).json(fail('INTERNAL', 'Something went wrong on the server.'));
  });

  return app;
}
