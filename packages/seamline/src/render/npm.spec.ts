import { NPM_FILES, renderContext, sha } from './__fixtures__/context';
import { nodeOptionQuote, renderNpm } from './npm';

describe('renderNpm', () => {
  it('maps each pinned npm package to its checkout and preloads the hooks through NODE_OPTIONS', async () => {
    const { files, env } = await renderNpm(renderContext());
    expect(Object.keys(files).sort()).toEqual(NPM_FILES);
    expect(files['npm/packages.json']).toBe(
      `{\n  "@acme/auth": "/ws/.seamline/checkouts/auth@${sha('a')}",\n  "@acme/users": "/ws/.seamline/checkouts/users@${sha('b')}"\n}\n`,
    );
    // Who gets them: every checkout of the run (providers or not) and the workspace outside its node_modules.
    expect(JSON.parse(files['npm/scope.json'])).toEqual({
      root: ['/ws'],
      checkouts: [`/ws/.seamline/checkouts/auth@${sha('a')}`, `/ws/.seamline/checkouts/billing-api@${sha('c')}`, `/ws/.seamline/checkouts/users@${sha('b')}`],
    });
    expect(env).toEqual({
      NODE_OPTIONS: '--require "/ws/.seamline/runs/r1/overrides/npm/require-hook.cjs" --import "file:///ws/.seamline/runs/r1/overrides/npm/register.mjs"',
      SEAMLINE_NPM_PACKAGES: '/ws/.seamline/runs/r1/overrides/npm/packages.json',
    });
  });

  it('renders nothing when no pinned component provides an npm package', async () => {
    const { components } = renderContext();
    expect(await renderNpm(renderContext('/ws', { components: { 'billing-api': components['billing-api'] } }))).toEqual({ files: {}, env: {} });
  });

  it('refuses two components providing the same package', async () => {
    const { components } = renderContext();
    const context = renderContext('/ws', { components: { ...components, 'billing-api': { ...components['billing-api'], provides: { npm: '@acme/users' } } } });
    await expect(renderNpm(context)).rejects.toThrow('components "billing-api" and "users" both provide npm package @acme/users; one package has one provider');
  });

  it('quotes a NODE_OPTIONS argument the way Node splits it', () => {
    expect(nodeOptionQuote('/a b/c"d\\e')).toBe('"/a b/c\\"d\\\\e"');
  });
});
