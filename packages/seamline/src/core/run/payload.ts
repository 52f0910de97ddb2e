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

/** The declared component a payload names; nothing else may be fetched. */
export function componentForRepo(repo: string, components: Readonly<Record<string, { repo: string }>>, file: string): string {
  const wanted = repo.includes('/') || repo.includes(':') ? repoSlug(repo) : repo;
  const hit = Object.entries(components).find(([, c]) => c.repo === repo || repoSlug(c.repo) === wanted);
  if (!hit)
    throw SeamlineError.at(
      file,
      'repo',
      `"${repo}" is not a declared component repository; nothing was fetched (declared: ${Object.values(components)
        .map((c) => repoSlug(c.repo))
        .sort()
        .join(', ')})`,
    );
  return hit[0];
}
