import { sha256 } from '../hash';
import { canonicalRecord, knownGoodRecordSchema, serializeRecord } from './record';

const sha = (c: string) => c.repeat(40);
const base = {
  timestamp: '2026-11-21T12:00:00Z',
  tuple: { auth: sha('a'), users: sha('b') },
  manifest_sha256: sha256('m'),
  suite: 'full',
  duration_s: 42,
  prev: sha256('p'),
  run: null,
};

/** canonicalRecord is only a shortcut past the schema: what it accepts, the schema accepts, and the same way. */
describe('canonicalRecord', () => {
  const variants: Record<string, unknown> = {
    canonical: JSON.parse(serializeRecord(base)),
    manual: JSON.parse(serializeRecord({ ...base, manual: 'hotfix' })),
    'first record': { ...base, prev: null },
    'fractional timestamp': { ...base, timestamp: '2026-11-21T12:00:00.123Z' },
    'keys out of order': {
      manifest_sha256: base.manifest_sha256,
      timestamp: base.timestamp,
      tuple: base.tuple,
      suite: 'full',
      duration_s: 42,
      prev: null,
      run: null,
    },
    'uppercase sha': { ...base, tuple: { auth: sha('A') } },
    'untrimmed manual': { ...base, manual: ' why ' },
    'blank manual': { ...base, manual: '   ' },
    'empty tuple': { ...base, tuple: {} },
    'bad name': { ...base, tuple: { Auth: sha('a') } },
    'proto name': JSON.parse(
      `{"timestamp":"2026-11-21T12:00:00Z","tuple":{"__proto__":"${sha('a')}"},"manifest_sha256":"${sha256('m')}","suite":"full","duration_s":1,"prev":null,"run":null}`,
    ),
    'short sha': { ...base, tuple: { auth: 'abc' } },
    'negative duration': { ...base, duration_s: -1 },
    'string duration': { ...base, duration_s: '1' },
    'empty suite': { ...base, suite: '' },
    'bad prev': { ...base, prev: 'x' },
    'bad run': { ...base, run: 3 },
    'extra key': { ...base, holds: [] },
    'missing key': { ...base, run: undefined },
    'bad timestamp': { ...base, timestamp: '2026-11-21 12:00:00' },
    array: [],
    null: null,
  };
  it.each(Object.keys(variants))('%s', (name) => {
    const data = variants[name];
    const fast = canonicalRecord(data);
    const parsed = knownGoodRecordSchema.safeParse(data);
    if (fast) expect(fast).toEqual(parsed.data);
    if (!parsed.success) expect(fast).toBeUndefined();
  });
  it('accepts what serializeRecord writes', () => {
    expect(canonicalRecord(variants.canonical)).toEqual(base);
    expect(canonicalRecord(variants.manual)).toEqual({ ...base, manual: 'hotfix' });
  });
});
