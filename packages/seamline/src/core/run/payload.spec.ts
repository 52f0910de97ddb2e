import { parsePrSpec } from './pr-spec';
import { componentForRepo, parsePayload, repoSlug } from './payload';

const components = { auth: { repo: 'https://github.com/acme/auth.git' }, users: { repo: 'git@github.com:acme/users.git' } };

describe('dispatch payloads', () => {
  it('reads {repo, pr, sha} and maps the repo to its declared component', () => {
    const p = parsePayload(JSON.stringify({ repo: 'acme/auth', pr: 17, sha: 'A'.repeat(40) }), 'payload.json');
    expect(p).toEqual({ repo: 'acme/auth', pr: 17, sha: 'a'.repeat(40) });
    expect(componentForRepo('acme/auth', components, 'payload.json')).toBe('auth');
    expect(componentForRepo('https://github.com/acme/users', components, 'payload.json')).toBe('users');
    expect(repoSlug('git@github.com:Acme/Users.git')).toBe('acme/users');
  });

  it('maps a payload to a component whose repo is a mirror by its github: owner/name', () => {
    const mirrored = { ...components, billing: { repo: 'https://git-mirror.acme.internal/billing.git', github: 'Acme/Billing' } };
    expect(componentForRepo('acme/billing', mirrored, 'payload.json')).toBe('billing');
    expect(componentForRepo('https://github.com/acme/billing.git', mirrored, 'payload.json')).toBe('billing');
  });

  it('refuses an undeclared repository before anything is fetched', () => {
    expect(() => componentForRepo('evil/auth', components, 'payload.json')).toThrow(
      'payload.json: field "repo": "evil/auth" is not a declared component repository; nothing was fetched (declared: acme/auth, acme/users)',
    );
  });

  it.each([
    ['not json', 'payload.json: expected a JSON object {"repo", "pr", "sha"}, got text that is not JSON'],
    [JSON.stringify({ repo: 'acme/auth', pr: 17, sha: 'abc' }), 'payload.json: field "sha": expected a full 40-character hex commit SHA'],
    [JSON.stringify({ repo: 'acme/auth', pr: -1, sha: 'a'.repeat(40) }), 'payload.json: field "pr": '],
    [JSON.stringify({ repo: 'acme/auth', pr: 1, sha: 'a'.repeat(40), token: 'x' }), 'payload.json: unknown field "token"'],
  ])('refuses %s', (text, message) => {
    expect(() => parsePayload(text, 'payload.json')).toThrow(message);
  });
});

describe('changeset PR specs', () => {
  it('reads component#n and component#n@sha', () => {
    expect(parsePrSpec('auth#17')).toEqual({ component: 'auth', pr: 17 });
    expect(parsePrSpec(`users#9@${'B'.repeat(40)}`)).toEqual({ component: 'users', pr: 9, sha: 'b'.repeat(40) });
    expect(() => parsePrSpec('auth')).toThrow('--prs: expected component#<pr number>[@<sha>] (e.g. auth#17), got "auth"');
    expect(() => parsePrSpec('auth#1@main')).toThrow('--prs: auth#1@main: expected a full 40-character hex head SHA');
  });
});
