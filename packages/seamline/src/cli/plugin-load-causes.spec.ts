import { withPluginLoadCauses } from './plugin-load-causes';

/** Nx's error for plugins it could not load, shaped as Nx 22.7 to 24 build it (get-plugins.js). */
function nxPluginErrors(errors: Error[], names: string[]): AggregateError {
  const lines = errors.map((e, i) => `  - ${names[i]}: ${e.message}`).join('\n');
  return new AggregateError(errors, `Failed to load ${errors.length} Nx plugin(s):\n${lines}`);
}

/** Nx's in-process LoadPluginError: the reason only as its cause. */
const couldNotLoad = (name: string, cause: Error) => new Error(`Could not load plugin ${name}`, { cause });

describe('withPluginLoadCauses', () => {
  it("adds each plugin's reason, first line only, to the line Nx printed for it", () => {
    const missing = new Error("Cannot find module '@acme/missing'\nRequire stack:\n- /ws/node_modules/nx/dist/src/project-graph/plugins/resolve-plugin.js");
    const local = new Error('unable to find tsconfig.base.json or tsconfig.json');
    const error = nxPluginErrors([couldNotLoad('@acme/missing', missing), couldNotLoad('./local.js', local)], ['@acme/missing', './local.js']);
    const result = withPluginLoadCauses(error) as AggregateError;
    expect(result.message).toBe(
      [
        'Failed to load 2 Nx plugin(s):',
        "  - @acme/missing: Could not load plugin @acme/missing: Cannot find module '@acme/missing'",
        '  - ./local.js: Could not load plugin ./local.js: unable to find tsconfig.base.json or tsconfig.json',
      ].join('\n'),
    );
    expect(result).toBeInstanceOf(AggregateError);
    expect(result.errors).toEqual(error.errors);
    expect(result.stack).toBe(error.stack);
  });

  it('finds the plugins through the error createProjectGraphAsync wraps around them', () => {
    const plugins = nxPluginErrors([couldNotLoad('@acme/missing', new Error("Cannot find module '@acme/missing'"))], ['@acme/missing']);
    const result = withPluginLoadCauses(new AggregateError([plugins], plugins.message)) as AggregateError;
    expect(result.message).toBe("Failed to load 1 Nx plugin(s):\n  - @acme/missing: Could not load plugin @acme/missing: Cannot find module '@acme/missing'");
  });

  it("adds the reason to the one plugin's error Nx 22.0 throws as it is", () => {
    const error = couldNotLoad('@acme/missing', new Error("Cannot find module '@acme/missing'"));
    const result = withPluginLoadCauses(error) as Error;
    expect(result.message).toBe("Could not load plugin @acme/missing: Cannot find module '@acme/missing'");
    expect(result.cause).toBe(error.cause);
  });

  it('leaves an error alone when the reason is already said (a plugin worker) or there is none', () => {
    const fromWorker = nxPluginErrors([new Error("Cannot find module '@acme/missing'")], ['@acme/missing']);
    expect(withPluginLoadCauses(fromWorker)).toBe(fromWorker);
    const said = nxPluginErrors([couldNotLoad('@acme/x', new Error('Could not load plugin @acme/x'))], ['@acme/x']);
    expect(withPluginLoadCauses(said)).toBe(said);
    const plain = new Error('Could not load plugin @acme/x');
    expect(withPluginLoadCauses(plain)).toBe(plain);
    expect(withPluginLoadCauses('a string')).toBe('a string');
  });
});
