import type { AddressInfo } from 'node:net';
import { configFromEnv, DEFAULT_HOST } from '../../config/ledger-config';
import { checkServerStart, type CliIo, integerOption, parseVerbArgs, type Verb } from '../cli-support';

export const serveVerb: Verb = {
  name: 'serve',
  summary: 'run the HTTP API (what `npm start` runs)',
  help: `Usage: ledger serve [--port N] [--host H]

Runs the HTTP API over the configured store until SIGINT or SIGTERM, then closes cleanly
(projections commit, the store closes).

Options:
  --port N   port to listen on (default: $PORT, else 3000; 0 picks a free port)
  --host H   address to bind (default: $HOST, else 0.0.0.0)
  -h, --help show this help
`,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values } = parseVerbArgs(args, { port: { type: 'string' }, host: { type: 'string' } });
    const config = configFromEnv(io.env);
    const port = integerOption('port', values.port) ?? config.port;
    const host = values.host ?? config.host ?? DEFAULT_HOST;
    checkServerStart(config);
    // Loaded here, not at the command's start: every other verb starts without the HTTP server's modules.
    const [{ createLedgerApp }, { AdminBootstrap }, { refuseUnservableLog }] = await Promise.all([
      import('../../ledger-app'), import('../../admin-bootstrap'), import('../../ops/log-integrity'),
    ]);
    refuseUnservableLog(config);
    const app = await createLedgerApp({ ...config, port });
    await app.listen({ port, host });
    const bound = (app.getHttpServer().address() as AddressInfo).port;
    app.get(AdminBootstrap).printSetupLink(bound);
    io.stdout.write(`ctd-fund-ledger listening on http://localhost:${bound} (store: ${config.store}, data: ${config.dataDir}); API docs at /docs\n`);
    // createLedgerApp enabled Nest's shutdown hooks: a signal closes the app, then ends the process.
    return new Promise<number>(() => undefined);
  },
};
