import type { ExecutorContext } from '@nx/devkit';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asTyped, generatorCommandLine, taskCommandLine, textOptionNames, typedTexts, withTypedText } from './text-options';

/** The context Nx hands an executor: the task graph keeps the command line as typed. */
function contextOf(unparsed: string[] | undefined): ExecutorContext {
  const task = (project: string, overrides: object) => ({ id: `${project}:known-good`, target: { project, target: 'known-good' }, overrides });
  return {
    root: '/ws',
    cwd: '/ws',
    isVerbose: false,
    projectName: 'integration',
    targetName: 'known-good',
    taskGraph: {
      roots: [],
      dependencies: {},
      tasks: {
        // Another project's task with the same target name must not be read.
        'other:known-good': task('other', { __overrides_unparsed__: ['--head=999999999999'] }),
        'integration:known-good': task('integration', unparsed ? { __overrides_unparsed__: unparsed } : {}),
      },
    },
  } as unknown as ExecutorContext;
}

const TEXT = { type: 'string', anyOf: [{ type: 'string' }, { type: 'number' }] };
/** A schema like the executors': text options, a number option, a list option and a positional name. */
const schema = {
  properties: {
    head: TEXT,
    record: TEXT,
    nodeVersion: TEXT,
    branch: TEXT,
    pr: { type: 'number' },
    seams: { oneOf: [{ type: 'array', items: TEXT }, TEXT] },
    runs: { type: 'array', items: TEXT },
    name: { ...TEXT, $default: { $source: 'argv', index: 0 } },
  },
};

describe('withTypedText: text that Nx parsed as a number comes back as typed', () => {
  it('gives back digits-only hex from --name=text and from --name text', () => {
    expect(withTypedText({ verify: true, head: 123456789012 }, ['--verify', '--head=123456789012'], schema)).toEqual({ verify: true, head: '123456789012' });
    expect(withTypedText({ head: 1234567 }, ['--head', '1234567'], schema).head).toBe('1234567');
  });

  it('keeps the text a number would lose, and the last of repeated flags', () => {
    // yargs reads 12345e6 as 12345000000 and 20.10 as 20.1.
    expect(withTypedText({ record: 12345000000 }, ['--record=1111111', '--record=12345e6'], schema).record).toBe('12345e6');
    expect(withTypedText({ nodeVersion: 20.1, branch: 1.1 }, ['--node-version=20.10', '--branch', '1.10'], schema)).toEqual({
      nodeVersion: '20.10',
      branch: '1.10',
    });
  });

  it('turns back a list option given once, and leaves number options numbers', () => {
    expect(withTypedText({ seams: 2048, pr: 17 }, ['--seams=2048', '--pr=17'], schema)).toEqual({ seams: '2048', pr: 17 });
    // Repeated, the flag gives a list: each element comes from its own flag.
    expect(withTypedText({ seams: ['a', 20.1, 7] }, ['--seams=a', '--seams', '20.10', '--seams=007'], schema).seams).toEqual(['a', '20.10', '007']);
    expect(withTypedText({ runs: [12, 'r'] }, [], schema).runs).toEqual(['12', 'r']);
    // The types say the same: a list of text is text again, a number option stays a number.
    const given: { seams?: (string | number)[] | string | number; pr?: number } = { seams: [1], pr: 1 };
    const typed: { seams?: string[] | string; pr?: number } = withTypedText(given, [], schema);
    expect(typed).toEqual({ seams: ['1'], pr: 1 });
  });

  it('finds a camelCase option under its kebab-case flag, and only a whole flag', () => {
    expect(typedTexts(['--can-release=1234567'], 'canRelease')).toEqual(['1234567']);
    expect(typedTexts(['--canRelease', '1234567'], 'canRelease')).toEqual(['1234567']);
    expect(typedTexts(['--head'], 'head')).toEqual([]);
    expect(typedTexts(['--header=1'], 'head')).toEqual([]);
  });

  it('leaves text and absent options alone, and falls back to the number when the command line is not there', () => {
    expect(withTypedText({ head: 'abcdef012345' }, ['--head=999'], schema).head).toBe('abcdef012345');
    const absent: { verify: boolean; head?: string | number } = { verify: true };
    expect(withTypedText(absent, [], schema)).toEqual({ verify: true });
    // From project.json options or a generator called from code: no command line to read.
    expect(withTypedText({ head: 123456789012 }, [], schema).head).toBe('123456789012');
  });

  it('takes a positional name from its place: `nx g @seamline/nx:component 2048.10`', () => {
    const args = generatorCommandLine(['g', '--dry-run', '@seamline/nx:component', '2048.10', '--repo=file:///r']);
    expect(args).toEqual(['--dry-run', '2048.10', '--repo=file:///r']);
    expect(withTypedText({ name: 2048.1 }, args, schema).name).toBe('2048.10');
    // A flag spelled out wins; a place that does not hold that number is not taken.
    expect(withTypedText({ name: 7 }, ['--name=007'], schema).name).toBe('007');
    expect(withTypedText({ name: 7 }, ['other', '--name', '7'], schema).name).toBe('7');
  });
});

describe("the plugin's schemas: every option is described, every text option reaches its executor or generator as text", () => {
  const root = join(__dirname, '..');
  const folders = ['executors', 'generators'].flatMap((kind) =>
    readdirSync(join(root, kind), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => join(root, kind, d.name)),
  );
  type Option = { description?: string; type?: unknown; enum?: unknown; anyOf?: { type?: unknown }[]; oneOf?: Option[]; items?: Option };
  /** The option, its `oneOf` branches and what its arrays hold. */
  const parts = (o: Option): Option[] => [o, ...(o.items ? parts(o.items) : []), ...(o.oneOf ?? []).flatMap(parts)];
  const schemaOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'schema.json'), 'utf8')) as { properties?: Record<string, Option> };

  it('describes every option: `nx run … --help` and `nx g … --help` print the description, or "undefined"', () => {
    const bare = folders.flatMap((dir) =>
      Object.entries(schemaOf(dir).properties ?? {})
        .filter(([, option]) => !option.description?.trim())
        .map(([name]) => `${dir.slice(root.length + 1)}: ${name}`),
    );
    expect(bare).toEqual([]);
    expect(folders.length).toBeGreaterThanOrEqual(20);
  });

  it('declares every string option, every string branch of a list option and every list of strings as text', () => {
    const plain = folders.flatMap((dir) =>
      Object.entries(schemaOf(dir).properties ?? {}).flatMap(([name, option]) =>
        parts(option)
          .filter((o) => o.type === 'string' && o.enum === undefined && o.anyOf === undefined)
          .map(() => `${dir.slice(root.length + 1)}: ${name}`),
      ),
    );
    expect(plain).toEqual([]);
  });

  it('reads the text options with asTyped wherever the schema has one', () => {
    const unread = folders.filter((dir) => {
      if (textOptionNames(schemaOf(dir)).length === 0) return false;
      const code = readFileSync(join(dir, dir.includes('executors') ? 'executor.ts' : 'generator.ts'), 'utf8');
      return !/asTyped\(\w+, (taskCommandLine\(context\)|generatorCommandLine\(\)), __dirname\)/.test(code);
    });
    expect(unread).toEqual([]);
    expect(folders.filter((dir) => textOptionNames(schemaOf(dir)).length > 0).length).toBeGreaterThanOrEqual(18);
  });

  it('gives a hold its reason as typed: a culprit short SHA made of digits', () => {
    const hold = join(root, 'executors', 'hold');
    const options = asTyped(
      { component: 2048, sha: 1234567, reason: 1234567, release: false },
      ['--component=2048', '--sha=1234567', '--reason=1234567'],
      hold,
    );
    expect(options).toEqual({ component: '2048', sha: '1234567', reason: '1234567', release: false });
  });
});

describe('taskCommandLine: an executor reads its own task’s command line', () => {
  it('takes it from the task graph, only for its own project and target', () => {
    expect(taskCommandLine(contextOf(['--verify', '--head=123456789012']))).toEqual(['--verify', '--head=123456789012']);
    expect(taskCommandLine(contextOf(undefined))).toEqual([]);
    expect(taskCommandLine({ root: '/ws' } as ExecutorContext)).toEqual([]);
  });
});
