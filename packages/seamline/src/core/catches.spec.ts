import { catchesProblem } from './catches';

describe('catchesProblem', () => {
  it.each(['users reads a token field that auth renamed', 'todo lists lose items when auth rotates keys', 'N/A fields in the export break billing'])(
    'accepts a sentence: %s',
    (text) => {
      expect(catchesProblem(text)).toBeUndefined();
    },
  );

  it.each(['TODO', 'todo.', 'TBD', 'FIXME: write this', 'TODO(ana) fill in', 'xxx', '...', '?', 'n/a', '<what this seam catches>'])(
    'refuses the placeholder %j',
    (text) => {
      expect(catchesProblem(text)).toBe(`${JSON.stringify(text)} is a placeholder; write a sentence naming the failure this seam exists to catch`);
    },
  );

  it.each(['', '   ', '\n\t', undefined])('refuses nothing: %j', (text) => {
    expect(catchesProblem(text)).toBe('is empty; write a sentence naming the failure this seam exists to catch');
  });
});
