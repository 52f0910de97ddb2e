import * as index from './index';
import * as library from './library';

describe('the public API of @seamline/nx', () => {
  it('serves every value of the library API, the same ones', () => {
    // Compiles only if index declares every library export with its type.
    const api: typeof library = index;
    for (const name of Object.keys(library) as (keyof typeof library)[]) expect({ name, value: api[name] }).toEqual({ name, value: library[name] });
  });

  it('lists the plugin hooks and the library API, and nothing else', () => {
    expect(Object.getOwnPropertyNames(index).sort()).toEqual(
      ['__esModule', 'createNodes', 'createNodesV2', 'createDependencies', 'postTasksExecution', 'SeamlineError', ...Object.keys(library)].sort(),
    );
  });

  it('shows Nx only the plugin hooks when it copies the module with a spread, so the library API is not loaded', () => {
    expect(Object.keys({ ...index }).sort()).toEqual(['SeamlineError', 'createDependencies', 'createNodes', 'createNodesV2', 'postTasksExecution']);
  });

  it('gives classes that construct and match instanceof', () => {
    const store = new index.KnownGoodStore('/nonexistent/known-good.jsonl');
    expect(store).toBeInstanceOf(index.KnownGoodStore);
    expect(store).toBeInstanceOf(library.KnownGoodStore);
  });
});
