import type { ExecutorContext } from '@nx/devkit';
import { taskCommandLine, textOptions, typedText } from './text-options';

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

describe('textOptions: text that Nx parsed as a number comes back as typed', () => {
  it('gives back digits-only hex from --name=text and from --name text', () => {
    expect(textOptions({ verify: true, head: 123456789012 }, ['--verify', '--head=123456789012'], ['head'])).toEqual({ verify: true, head: '123456789012' });
    expect(textOptions({ head: 1234567 }, ['--head', '1234567'], ['head']).head).toBe('1234567');
  });

  it('keeps the text a number would lose, and the last of repeated flags', () => {
    // yargs reads 12345e6 as 12345000000 and 20.10 as 20.1.
    expect(textOptions({ record: 12345000000 }, ['--record=1111111', '--record=12345e6'], ['record']).record).toBe('12345e6');
    expect(textOptions({ nodeVersion: 20.1, branch: 1.1 }, ['--node-version=20.10', '--branch', '1.10'], ['nodeVersion', 'branch'])).toEqual({
      nodeVersion: '20.10',
      branch: '1.10',
    });
  });

  it('finds a camelCase option under its kebab-case flag, and only a whole flag', () => {
    expect(typedText(['--can-release=1234567'], 'canRelease')).toBe('1234567');
    expect(typedText(['--canRelease', '1234567'], 'canRelease')).toBe('1234567');
    expect(typedText(['--head'], 'head')).toBeUndefined();
    expect(typedText(['--header=1'], 'head')).toBeUndefined();
  });

  it('leaves text and absent options alone, and falls back to the number when the command line is not there', () => {
    expect(textOptions({ head: 'abcdef012345' }, ['--head=999'], ['head']).head).toBe('abcdef012345');
    const absent: { verify: boolean; head?: string | number } = { verify: true };
    expect(textOptions(absent, [], ['head'])).toEqual({ verify: true });
    // From project.json options or a generator called from code: no command line to read.
    expect(textOptions({ head: 123456789012 }, [], ['head']).head).toBe('123456789012');
  });
});

describe('taskCommandLine: an executor reads its own task’s command line', () => {
  it('takes it from the task graph, only for its own project and target', () => {
    expect(taskCommandLine(contextOf(['--verify', '--head=123456789012']))).toEqual(['--verify', '--head=123456789012']);
    expect(taskCommandLine(contextOf(undefined))).toEqual([]);
    expect(taskCommandLine({ root: '/ws' } as ExecutorContext)).toEqual([]);
  });
});
