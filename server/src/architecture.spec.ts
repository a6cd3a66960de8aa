import { readdirSync, readFileSync } from 'node:fs';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractTsConfig from 'dependency-cruiser/config-utl/extract-ts-config';

/*
 * The module conventions, enforced (docs/architecture.md, "Module map"): no import cycle between files
 * or between modules (a module is a folder under src/), and no module reaching into another module's
 * repository — modules talk through each other's services. Type-only imports count: a cycle of types
 * is still two modules that cannot be understood (or moved) one without the other.
 * The composition root (files directly in src/: app.module, core.module, features, bootstrap, main)
 * may import anything; `db/` is the data source and the central entity and migration lists, which
 * import every module's entity files and nothing imports back.
 */

type Edge = { from: string; to: string; file: string; dep: string };

/**
 * SQL lives in repositories (docs/architecture.md, "Inside a module"): a raw `.query(` belongs in a
 * `*.repository.ts`, the database layer (`db/`), the demo seed (`demo/`) or the command line (`cli/`).
 * Files still running their own queries are named here, each with why; the list may only shrink
 * (a listed file without a query fails too, so it is struck off when its module moves).
 */
// common/report-reader.ts runs what repositories hand it, on a replica, as a DataSource does; its own SQL reads WAL positions.
const RAW_SQL_ALLOWED = /(\.repository\.ts|\.spec\.ts)$|^src\/(db|demo|cli)\/|^src\/common\/report-reader\.ts$/;
const RAW_SQL_PENDING: Record<string, string> = {};
/** `.query(` or `.query<…>(`, also when the call continues on the next line. */
const RAW_QUERY = /\.query\s*[<(]/;

let result: ICruiseResult;
const moduleOf = (p: string): string | null => /^src\/([^/]+)\//.exec(p)?.[1] ?? null;

beforeAll(async () => {
  const reported = await cruise(
    ['src'],
    {
      tsPreCompilationDeps: true,
      exclude: { path: '\\.spec\\.ts$' },
      doNotFollow: { path: 'node_modules' },
      validate: true,
      ruleSet: { forbidden: [{ name: 'no-circular', severity: 'error', from: {}, to: { circular: true } }] },
    },
    undefined,
    { tsConfig: extractTsConfig('tsconfig.json') },
  );
  result = reported.output as ICruiseResult;
}, 120_000);

function moduleEdges(): Edge[] {
  const out: Edge[] = [];
  for (const m of result.modules) {
    const from = moduleOf(m.source);
    if (!from) continue;
    for (const d of m.dependencies) {
      const to = moduleOf(d.resolved);
      if (to && to !== from) out.push({ from, to, file: m.source, dep: d.resolved });
    }
  }
  return out;
}

/** Strongly connected components of more than one module (Tarjan). */
function moduleCycles(edges: Edge[]): string[][] {
  const graph = new Map<string, Set<string>>();
  for (const e of edges) {
    if (!graph.has(e.from)) graph.set(e.from, new Set());
    if (!graph.has(e.to)) graph.set(e.to, new Set());
    graph.get(e.from)!.add(e.to);
  }
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v)!) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

describe('architecture', () => {
  it('has no import cycle between files', () => {
    const cycles = result.summary.violations.filter((v) => v.rule.name === 'no-circular').map((v) => (v.cycle ?? []).map((c) => c.name).join(' → '));
    expect(cycles).toEqual([]);
  });

  it('has no import cycle between modules (folders under src/)', () => {
    const edges = moduleEdges();
    const described = moduleCycles(edges).map((scc) => {
      const inside = edges.filter((e) => scc.includes(e.from) && scc.includes(e.to));
      return `${scc.join(' ↔ ')}: ${inside.map((e) => `${e.file} → ${e.dep}`).join('; ')}`;
    });
    expect(described).toEqual([]);
  });

  it('no module imports another module’s repository', () => {
    const offending = moduleEdges()
      // The command line and the demo seed write the database directly (as they may run SQL): they may load through a repository.
      .filter((e) => /\.repository\.ts$/.test(e.dep) && !/^src\/(cli|demo)\//.test(e.file))
      .map((e) => `${e.file} → ${e.dep}`);
    expect(offending).toEqual([]);
  });

  it('runs raw SQL only in repositories (and the db, demo and cli layers)', () => {
    const files = readdirSync('src', { recursive: true, encoding: 'utf8' })
      .map((f) => `src/${f.split('\\').join('/')}`)
      .filter((f) => f.endsWith('.ts') && !RAW_SQL_ALLOWED.test(f));
    const querying = files.filter((f) => RAW_QUERY.test(readFileSync(f, 'utf8')));
    expect(querying.filter((f) => !(f in RAW_SQL_PENDING))).toEqual([]);
    // The allowance ends once the file's queries have moved: strike it off.
    expect(Object.keys(RAW_SQL_PENDING).filter((f) => !querying.includes(f))).toEqual([]);
  });

  it('the central entity list imports only entity files', () => {
    const list = result.modules.find((m) => m.source === 'src/db/entities.ts')!;
    const other = list.dependencies.filter((d) => d.resolved.startsWith('src/') && !/\.entit(y|ies)\.ts$/.test(d.resolved)).map((d) => d.resolved);
    expect(other).toEqual([]);
  });

  it('finds what it checks (the graph is not empty)', () => {
    expect(result.modules.length).toBeGreaterThan(200);
    expect(moduleEdges().some((e) => e.from === 'transfers' && e.to === 'members')).toBe(true);
  });
});
