import { z } from 'zod';
import { parseWith, SeamlineError } from '../errors';
import { shaSchema } from '../sha';

/** The `client_payload` of a repository_dispatch from a component PR. */
export const payloadSchema = z.strictObject({
  repo: z.string().min(1, 'the component repository, owner/name or its git URL'),
  pr: z.number().int().positive(),
  sha: shaSchema,
  changeset: z.string().min(1).optional(),
});

export type DispatchPayload = z.output<typeof payloadSchema>;

export function parsePayload(text: string, file: string): DispatchPayload {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new SeamlineError(`${file}: expected a JSON object {"repo", "pr", "sha"}, got text that is not JSON`, file);
  }
  return parseWith(payloadSchema, data, file);
}

/** `acme/auth`, `https://github.com/acme/auth.git` and `git@github.com:acme/auth.git` name the same repository. */
export function repoSlug(url: string): string {
  return url
    .replace(/\.git$/, '')
    .replace(/\/+$/, '')
    .split(/[/:]/)
    .slice(-2)
    .join('/')
    .toLowerCase();
}

/** Where a component is fetched from, and (github:) where its pull requests are when that is elsewhere. */
export interface ComponentRepo {
  repo: string;
  github?: string;
}

/** owner/name a component is known by: its github: field, or its repo URL's last two parts. */
export const componentSlug = (c: ComponentRepo) => c.github?.toLowerCase() ?? repoSlug(c.repo);

/** Whether `who` (a URL, or owner/name) names the component's repository, where it is fetched from or where its PRs are. */
export const namesRepo = (c: ComponentRepo, who: string) => {
  const wanted = repoSlug(who);
  return c.repo === who || repoSlug(c.repo) === wanted || componentSlug(c) === wanted;
};

/** The declared component a payload names; nothing else may be fetched. */
export function componentForRepo(repo: string, components: Readonly<Record<string, ComponentRepo>>, file: string): string {
  const named = repo.includes('/') || repo.includes(':') ? (c: ComponentRepo) => namesRepo(c, repo) : (c: ComponentRepo) => c.repo === repo;
  const hit = Object.entries(components).find(([, c]) => named(c));
  if (!hit)
    throw SeamlineError.at(
      file,
      'repo',
      `"${repo}" is not a declared component repository; nothing was fetched (declared: ${Object.values(components).map(componentSlug).sort().join(', ')})`,
    );
  return hit[0];
}
