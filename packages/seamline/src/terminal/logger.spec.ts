import { colorsWanted, createLogger } from './logger';

describe('terminal logger', () => {
  it('colours on a terminal, under CI or FORCE_COLOR, and never under NO_COLOR, --no-color or FORCE_COLOR=0', () => {
    expect(colorsWanted({}, [], true)).toBe(true);
    expect(colorsWanted({ TERM: 'dumb' }, [], true)).toBe(false);
    expect(colorsWanted({}, [], false)).toBe(false);
    expect(colorsWanted({ CI: 'true' }, [], false)).toBe(true);
    expect(colorsWanted({ FORCE_COLOR: '1' }, [], false)).toBe(true);
    expect(colorsWanted({ FORCE_COLOR: '0' }, [], true)).toBe(false);
    expect(colorsWanted({ FORCE_COLOR: 'false', CI: 'true' }, [], true)).toBe(false);
    expect(colorsWanted({ NO_COLOR: '1', FORCE_COLOR: '1' }, [], true)).toBe(false);
    expect(colorsWanted({}, ['--no-color'], true)).toBe(false);
  });

  it('prints info as is, a warning in yellow, an error in red, and an Error with its stack', () => {
    const lines: string[] = [];
    const out = {
      info: (m: unknown) => lines.push(`info ${m}`),
      warn: (m: unknown) => lines.push(`warn ${m}`),
      error: (m: unknown) => lines.push(`error ${m}`),
    };
    const plain = createLogger(false, out);
    plain.info('Rendered overrides');
    plain.warn('hold expires tomorrow');
    plain.error('components/users/component.yaml: repo: expected a URL');
    const error = new Error('boom');
    plain.error(error);
    expect(lines).toEqual([
      'info Rendered overrides',
      'warn hold expires tomorrow',
      'error components/users/component.yaml: repo: expected a URL',
      `error ${error.stack}`,
    ]);
    lines.length = 0;
    const colored = createLogger(true, out);
    colored.info('as is');
    colored.warn('careful');
    colored.error('broken');
    expect(lines).toEqual(['info as is', 'warn \x1b[1m\x1b[33mcareful\x1b[39m\x1b[22m', 'error \x1b[1m\x1b[31mbroken\x1b[39m\x1b[22m']);
  });
});
