import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from './utils/app.js';
import { Fixtures } from './utils/fixtures.js';
import { SessionService } from '../src/auth/session.service.js';
import { startFakeWechat, type FakeWechat } from './utils/fake-wechat.js';

type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};
type Param = { name: string; in: 'path' | 'query' | 'header'; schema?: Schema };
type Operation = { parameters?: Param[]; requestBody?: { content?: Record<string, { schema?: Schema }> } };
type Doc = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };
/** mulberry32: a seeded generator, so every run sends the same cases. */
class Rnd {
  constructor(private s: number) {}
  nextInt(min: number, max: number): number {
    let t = (this.s += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return min + Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * (max - min + 1));
  }
}
type Case = { label: string; path: string; body?: string; contentType?: string; auth: boolean };

/** Everything that once broke a server: NUL and lone surrogates, huge and odd strings, numbers at the edges. */
const NASTY: unknown[] = [
  '',
  'x'.repeat(100_000),
  'a\u0000b',
  '\ud800',
  '😀𠮷\u202e\u0301',
  "'; DROP TABLE member; --",
  '../../etc/passwd',
  -1,
  0,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER * 1024, // past int8 (2^63) once rounded
  1.5,
  true,
  null,
  [],
  {},
  ['\u0000'],
  { '\u0000': 1 },
];

/**
 * Issue 11: every operation of the OpenAPI document, fed wrong types, missing fields, huge strings,
 * unicode, NUL bytes, negative and huge numbers, malformed JSON, wrong content types and non-UUID path
 * parameters, signed in as a platform administrator and signed out. Fails on any 5xx and on any 4xx
 * without `code` and `message`. Bounded: a fixed seed, a fixed number of cases per operation.
 */
describe('fuzz: every endpoint of the OpenAPI document', () => {
  let t: TestApp;
  let userId: string;
  let doc: Doc;
  let wechat: FakeWechat;
  const stats = { requests: 0, s5xx: 0, s4xx: 0, s2xx: 0, operations: 0, planned: 0 };

  beforeAll(async () => {
    // WeChat sign-in talks to a local fake: the real API being unreachable is a 502, not a finding.
    wechat = await startFakeWechat();
    t = await createTestApp({ AUTH_RATE_LIMIT_PER_MIN: '100000', WECHAT_API_BASE: wechat.url, WECHAT_APPID: wechat.appid, WECHAT_SECRET: wechat.secret });
    const fx = new Fixtures(t.ds, t.app);
    const root = await fx.org({ name: '园区党委', kind: 'committee' });
    await fx.org({ name: '第一党支部', kind: 'branch', parentId: root.id });
    const admin = await fx.user({ memberOrgId: root.id, roles: [{ role: 'platform_admin', orgId: root.id }] });
    userId = admin.user.id;
    doc = (await t.call<Doc>('GET', '/api/v1/openapi.json')).body;
  });
  afterAll(async () => {
    process.stdout.write(
      `fuzz: ${stats.operations} operations, ${stats.requests} of ${stats.planned} planned requests, ${stats.s2xx} 2xx, ${stats.s4xx} 4xx, ${stats.s5xx} 5xx\n`,
    );
    await t.close();
    await wechat.close();
  });

  const resolve = (s: Schema | undefined): Schema | undefined => {
    if (!s?.$ref) return s;
    return resolve(doc.components?.schemas?.[s.$ref.split('/').pop()!]);
  };
  const propsOf = (s: Schema | undefined): Record<string, Schema> => {
    const r = resolve(s);
    if (!r) return {};
    if (r.properties) return r.properties;
    for (const alt of [...(r.allOf ?? []), ...(r.anyOf ?? []), ...(r.oneOf ?? [])]) {
      const p = propsOf(alt);
      if (Object.keys(p).length) return p;
    }
    return {};
  };

  /** Bodies for one operation: missing fields, each field replaced by each nasty value, all at once. */
  function bodies(op: Operation, rnd: Rnd): Array<{ label: string; body: string; contentType?: string }> {
    const schema = op.requestBody?.content?.['application/json']?.schema;
    const props = Object.keys(propsOf(schema));
    const out: Array<{ label: string; body: string; contentType?: string }> = [
      { label: 'empty object', body: '{}' },
      { label: 'malformed JSON', body: '{"a": ', contentType: 'application/json' },
      { label: 'wrong content type', body: 'a=1', contentType: 'text/plain' },
      { label: 'JSON array', body: '[1,2]' },
      { label: 'JSON string', body: '"\\u0000"' },
    ];
    for (const p of props) {
      // A few nasty values per field, chosen by the seeded generator (bounded time).
      for (let i = 0; i < 3; i++) {
        const v = NASTY[rnd.nextInt(0, NASTY.length - 1)];
        out.push({ label: `${p}=${JSON.stringify(v)?.slice(0, 20)}`, body: JSON.stringify({ [p]: v }) });
      }
    }
    if (props.length) {
      const all = Object.fromEntries(props.map((p) => [p, NASTY[rnd.nextInt(0, NASTY.length - 1)]]));
      out.push({ label: 'every field nasty', body: JSON.stringify(all) });
    }
    return out;
  }

  function pathsFor(template: string): string[] {
    if (!template.includes('{')) return [template];
    return ['not-a-uuid', '%00', '-1', '99999999999999999999', 'x'.repeat(300), randomUUID()].map((v) => template.replace(/\{[^}]+\}/g, v));
  }

  function queriesFor(op: Operation, rnd: Rnd): string[] {
    const qs = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    if (!qs.length) return [''];
    // A lone surrogate (a cut emoji, say) has no UTF-8 form, so encodeURIComponent throws on it: send the
    // bytes a careless client would (CESU-8 of U+D800), which is exactly the kind of input under test.
    const enc = (v: unknown) =>
      Array.from(typeof v === 'string' ? v.slice(0, 2000) : JSON.stringify(v))
        .map((ch) => {
          try {
            return encodeURIComponent(ch);
          } catch {
            return '%ED%A0%80';
          }
        })
        .join('');
    return [
      '',
      `?${qs.map((q) => `${q}=${enc(NASTY[rnd.nextInt(0, NASTY.length - 1)])}`).join('&')}`,
      `?${qs.map((q) => `${q}=%00`).join('&')}`,
      `?${qs.map((q) => `${q}=-99999999999999999999`).join('&')}`,
    ];
  }

  it('answers every case with 2xx, 3xx or a 4xx carrying code and message — never 5xx', async () => {
    const rnd = new Rnd(20261205);
    const failures: string[] = [];
    const started = Date.now();
    // All cases of every operation, interleaved round-robin: when the time budget ends early (a busy
    // machine), every operation has had its first cases — signed out, bad path parameters, bad bodies.
    const perOp: Array<Array<Case & { method: string }>> = [];
    for (const [template, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const cases: Array<Case & { method: string }> = [];
        const base = template.replace(/^\/api\/v1/, '');
        const plain = base.replace(/\{[^}]+\}/g, randomUUID());
        const bodyCases = method !== 'get' && method !== 'delete' ? bodies(op, rnd) : [];
        const pathCases = pathsFor(base);
        const queryCases = queriesFor(op, rnd);
        cases.push({ method, label: 'signed out', path: pathCases[0]!, auth: false });
        for (let i = 0; i < Math.max(bodyCases.length, pathCases.length, queryCases.length); i++) {
          const b = bodyCases[i];
          if (b) cases.push({ method, label: b.label, path: plain, body: b.body, contentType: b.contentType ?? 'application/json', auth: true });
          if (pathCases[i]) cases.push({ method, label: 'path', path: pathCases[i]!, auth: true });
          if (queryCases[i] !== undefined) cases.push({ method, label: `query ${queryCases[i]!.slice(0, 40)}`, path: plain + queryCases[i]!, auth: true });
        }
        perOp.push(cases);
      }
    }
    const queue: Array<Case & { method: string }> = [];
    for (let i = 0; perOp.some((c) => i < c.length); i++) for (const c of perOp) if (c[i]) queue.push(c[i]!);
    const budget = Number(process.env.FUZZ_BUDGET_MS ?? 60_000);
    for (const c of queue) {
      if (Date.now() - started > budget) break;
      const method = c.method;
      // A fresh session per case: sign-out and password routes may end the one they get.
      const token = c.auth ? (await t.app.get(SessionService).open(userId, 'test')).accessToken : undefined;
      const res = await t.call(method.toUpperCase(), c.path, {
        token,
        ...(c.body !== undefined ? { payload: c.body, headers: { 'content-type': c.contentType ?? 'application/json' } } : {}),
      });
      stats.requests++;
      const where = `${method.toUpperCase()} ${c.path.slice(0, 80)} [${c.label}] → ${res.status}`;
      if (res.status >= 500) {
        stats.s5xx++;
        failures.push(`${where} ${JSON.stringify(res.body).slice(0, 200)}`);
      } else if (res.status >= 400) {
        stats.s4xx++;
        const b = res.body as { code?: unknown; message?: unknown } | string;
        if (typeof b !== 'object' || typeof b.code !== 'string' || typeof b.message !== 'string' || !b.message) {
          failures.push(`${where} without code+message: ${JSON.stringify(b).slice(0, 200)}`);
        }
      } else stats.s2xx++;
    }
    stats.operations = perOp.length;
    stats.planned = queue.length;
    // Whatever the machine's speed, every operation got at least its first round of cases.
    expect(stats.requests).toBeGreaterThanOrEqual(Math.min(queue.length, perOp.length * 3));
    process.stdout.write(`fuzz took ${Date.now() - started} ms\n`);
    expect(failures).toEqual([]);
  }, 300_000);
});
