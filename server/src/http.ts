import fs from 'node:fs';
import path from 'node:path';
import express, { type Request, type Response } from 'express';
import helmet from 'helmet';
import {
  type BoardEvent,
  type CreateBoardResponse,
  CreateBoardRequest,
  DEFAULT_SETTINGS,
  describeIssues,
  fail,
  findTemplate,
} from '@candor/shared';
import type { RoomRegistry } from './rooms/RoomRegistry.js';
import type { BoardStore } from './storage/BoardStore.js';
import type { Keyring } from './identity.js';
import { randomSecret } from './identity.js';
import type { Logger } from './logger.js';
import { TokenBucket } from './transport/rateLimit.js';

export interface HttpDeps {
  store: BoardStore;
  registry: RoomRegistry;
  keyring: Keyring;
  logger: Logger;
  now: () => number;
  newBoardId: () => string;
  clientDist: string | null;
}

const BOARD_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** HTTP: create a board, read its public view, export it, serve the client. Reads only through the room's public view. */
export function createHttpApp(deps: HttpDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: { directives: { 'connect-src': ["'self'", 'ws:', 'wss:'] } },
    }),
  );
  app.use(express.json({ limit: '16kb' }));

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true, boardsLoaded: deps.registry.loadedCount });
  });

  const createBucket = new TokenBucket(30, 1, deps.now);
  app.post('/api/boards', async (req: Request, res: Response) => {
    if (!createBucket.take()) return res.status(429).json(fail('RATE_LIMITED', 'Too many boards created; try again in a minute.'));
    const parsed = CreateBoardRequest.safeParse(req.body);
    if (!parsed.success) return res.status(400).json(fail('INVALID_INPUT', describeIssues(parsed.error)));
    const template = findTemplate(parsed.data.templateId);
    if (!template) return res.status(400).json(fail('INVALID_INPUT', 'Unknown template.'));
    const boardId = deps.newBoardId();
    const facilitatorKey = randomSecret();
    const first: BoardEvent = {
      type: 'board.created',
      name: parsed.data.name,
      templateId: template.id,
      columns: template.columns,
      settings: { ...DEFAULT_SETTINGS },
    };
    await deps.store.createBoard({ id: boardId, facilitatorHash: deps.keyring.facilitatorHash(boardId, facilitatorKey), createdAt: deps.now() }, first);
    const body: CreateBoardResponse = { boardId, facilitatorKey };
    res.status(201).json(body);
  });

  app.get('/api/boards/:id', async (req: Request<{ id: string }>, res: Response) => {
    const room = BOARD_ID.test(req.params.id) ? await deps.registry.get(req.params.id) : null;
    if (!room) return res.status(404).json(fail('NOT_FOUND', 'No such board.'));
    res.json({ board: room.publicView() });
  });

  app.get('/api/boards/:id/export.md', async (req: Request<{ id: string }>, res: Response) => {
    const room = BOARD_ID.test(req.params.id) ? await deps.registry.get(req.params.id) : null;
    if (!room) return res.status(404).json(fail('NOT_FOUND', 'No such board.'));
    if (room.state.phase !== 'closed') return res.status(409).json(fail('WRONG_PHASE', 'The export is ready once the retro is closed.'));
    const view = room.publicView();
    const fileName = view.name.replace(/[^A-Za-z0-9 _-]/g, '').trim().replace(/\s+/g, '-').slice(0, 60) || 'retro';
    res.type('text/markdown; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${fileName}.md"`);
    res.send(room.exportMarkdown(new Date(deps.now())));
  });

  app.use('/api', (_req, res) => {
    res.status(404).json(fail('NOT_FOUND', 'No such endpoint.'));
  });

  if (deps.clientDist && fs.existsSync(path.join(deps.clientDist, 'index.html'))) {
    const dist = deps.clientDist;
    app.use(express.static(dist, { index: false, maxAge: '1h' }));
    app.get(/^\/(?!api\/|yjs\/|socket\.io\/).*/, (_req, res) => {
      res.sendFile(path.join(dist, 'index.html'));
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
