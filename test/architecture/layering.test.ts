import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const root = join(__dirname, '..', '..');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

function parse(path: string): ts.SourceFile {
  return ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true);
}

function importsOf(file: ts.SourceFile): string[] {
  return file.statements
    .filter((s): s is ts.ImportDeclaration => ts.isImportDeclaration(s))
    .map((s) => (s.moduleSpecifier as ts.StringLiteral).text);
}

const pureFolders = ['src/domain', 'projections'];
const pureFiles = pureFolders.flatMap((folder) => sourceFiles(join(root, folder)));

describe('the pure core: domain/ and projections/', () => {
  it.each(pureFiles.map((path) => [relative(root, path), path]))('%s imports no framework, store client or I/O', (_name, path) => {
    const forbidden = importsOf(parse(path)).filter((specifier) =>
      /^(@nestjs\/|@eventstore\/|better-sqlite3|fastify|node:(fs|net|http|child_process)|fs$|pino)/.test(specifier) ||
      /\/(event-store|http|command-handling|projection-runner|cli|audit)\//.test(specifier),
    );
    expect(forbidden).toEqual([]);
  });

  it.each(pureFiles.map((path) => [relative(root, path), path]))('%s reads no clock and draws no random values', (_name, path) => {
    const text = readFileSync(path, 'utf8');
    expect(text.match(/Date\.now\(|new Date\(\)|randomUUID|Math\.random|performance\.now/g) ?? []).toEqual([]);
  });
});

describe('functions stay short (at most 70 lines) in the domain and the projections', () => {
  const tooLong: string[] = [];
  for (const path of pureFiles) {
    const file = parse(path);
    const visit = (node: ts.Node) => {
      if (ts.isFunctionLike(node) && 'body' in node && node.body) {
        const start = file.getLineAndCharacterOfPosition(node.getStart()).line;
        const end = file.getLineAndCharacterOfPosition(node.getEnd()).line;
        if (end - start + 1 > 70) tooLong.push(`${relative(root, path)}:${start + 1} (${end - start + 1} lines)`);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  it('has no function longer than 70 lines', () => {
    expect(tooLong).toEqual([]);
  });
});

/** Files of a folder whose imports match a forbidden pattern, as `file → specifier` lines. */
function forbiddenImports(folder: string, forbidden: RegExp): string[] {
  return sourceFiles(join(root, folder)).flatMap((path) =>
    importsOf(parse(path))
      .filter((specifier) => forbidden.test(specifier))
      .map((specifier) => `${relative(root, path)} → ${specifier}`),
  );
}

describe('composition happens at the root', () => {
  it('http/ holds HTTP only: it never imports the composition (app.module, admin-bootstrap, ledger-app)', () => {
    expect(forbiddenImports('src/http', /\/(app\.module|admin-bootstrap|ledger-app)$/)).toEqual([]);
  });

  it('access/ (users, tokens, passwords, sessions) knows nothing of HTTP', () => {
    expect(forbiddenImports('src/access', /^(fastify|@nestjs\/platform-)|\/http\//)).toEqual([]);
  });
});

describe('event-store/ ↛ domain/: the store keeps events, it does not know what they mean', () => {
  it('imports nothing from domain/ (the stream prefix is an option; readers upcast)', () => {
    expect(forbiddenImports('src/event-store', /(^|\/)domain(\/|$)/)).toEqual([]);
  });
});

/** The names of every table and index the table projections keep in the read-model file. */
function readModelNames(): string[] {
  // Required here, not imported at the top, so the file's other rules do not load the projections.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ALL_TABLE_PROJECTIONS } = require('../../projections/table-projections') as typeof import('../../projections/table-projections');
  return ALL_TABLE_PROJECTIONS.flatMap((projection) => projection.tables.flatMap((table) => [table.name, ...table.indexes.map((index) => index.name)]));
}

describe('one read side: src/read-side/ owns every query of the read models', () => {
  it('http/ never opens or types a SQLite connection: it imports no better-sqlite3', () => {
    expect(forbiddenImports('src/http', /^better-sqlite3$/)).toEqual([]);
  });

  it('controllers name no table or index of the read models, and import no table-name constant', () => {
    const names = readModelNames();
    expect(names.length).toBeGreaterThan(10);
    const named = sourceFiles(join(root, 'src/http/controllers')).flatMap((path) => {
      const text = readFileSync(path, 'utf8');
      const tables = names.filter((name) => new RegExp(`\\b${name}\\b`).test(text));
      const constants = text.match(/\b[A-Z][A-Z0-9_]*_TABLE\b/g) ?? [];
      return [...tables, ...constants].map((name) => `${relative(root, path)} → ${name}`);
    });
    expect(named).toEqual([]);
  });

  it('controllers parse, ask and present: none holds the event store, the write side, a projection runner or a replay of the log', () => {
    const held = sourceFiles(join(root, 'src/http/controllers')).flatMap((path) => [
      ...importsOf(parse(path)).filter((specifier) => /\/(event-store|command-handling\/(ledger-write\.providers|write-path|stream-models)|projection-runner)\//.test(`${specifier}/`)),
      ...(readFileSync(path, 'utf8').match(/\b(writePath\.lookup|readStream|readAll|replayBalance|EVENT_STORE|ProjectionsService|ProjectionRunner)\b/g) ?? []),
    ].map((found) => `${relative(root, path)} → ${found}`));
    expect(held).toEqual([]);
  });

  it('read-side/ reads; it never imports the write side (command-handling/)', () => {
    expect(forbiddenImports('src/read-side', /\/command-handling\//)).toEqual([]);
  });

  it('command-handling/ decides on the log; what it asks of the read side goes through a port the composition root binds (FundDirectory)', () => {
    expect(forbiddenImports('src/command-handling', /\/read-side\//)).toEqual([]);
  });
});

describe('one error map: statuses only in http/error-mapping.ts, words only in the catalogues', () => {
  it('i18n/ (the message catalogue and the choice of language) imports nothing from the rest of the ledger but the domain\'s types', () => {
    expect(forbiddenImports('src/i18n', /^(?!\.\/|node:)/)).toEqual([]);
  });

  it('no error is built with an HTTP status outside error-mapping.ts: errors are typed, error-mapping.ts chooses the status', () => {
    const built = sourceFiles(join(root, 'src'))
      .filter((path) => !path.endsWith(join('http', 'error-mapping.ts')))
      .flatMap((path) => (readFileSync(path, 'utf8').match(/new (ApiError|HttpException)\(\s*\d{3}|\b(status|statusCode): [45]\d\d\b/g) ?? [])
        .map((found) => `${relative(root, path)}: ${found}`));
    expect(built).toEqual([]);
  });

  it('errors raised by access/ and command-handling/ know nothing of HTTP', () => {
    expect(forbiddenImports('src/command-handling', /\/http\//)).toEqual([]);
  });
});
