import { loadPluginsInThisProcess } from './plugins-in-process';

describe("seamline run loads the workspace's plugins in its own process", () => {
  const saved = process.env.NX_ISOLATE_PLUGINS;
  afterEach(() => {
    if (saved === undefined) delete process.env.NX_ISOLATE_PLUGINS;
    else process.env.NX_ISOLATE_PLUGINS = saved;
  });
  beforeEach(() => {
    delete process.env.NX_ISOLATE_PLUGINS;
  });

  it('without the daemon, for the graph only: the variable is gone again once it is restored', () => {
    const restore = loadPluginsInThisProcess(() => false);
    expect(process.env.NX_ISOLATE_PLUGINS).toBe('false');
    restore();
    expect('NX_ISOLATE_PLUGINS' in process.env).toBe(false);
  });

  it("keeps the user's own choice, either way, and puts nothing back over it", () => {
    for (const chosen of ['true', 'false']) {
      process.env.NX_ISOLATE_PLUGINS = chosen;
      loadPluginsInThisProcess(() => false)();
      expect(process.env.NX_ISOLATE_PLUGINS).toBe(chosen);
    }
  });

  it('leaves the environment alone when the daemon computes the graph, or this Nx cannot say whether it does', () => {
    for (const daemon of [() => true, undefined, () => undefined]) {
      loadPluginsInThisProcess(daemon);
      expect('NX_ISOLATE_PLUGINS' in process.env).toBe(false);
    }
  });
});
