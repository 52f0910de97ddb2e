import { existsSync } from 'node:fs';
import type { CommitFacts } from '../core/report-site/report-input';

/**
 * Subject and author date of each SHA the bare pin cache `cache` holds, in one
 * `git cat-file --batch` (a SHA the cache does not have is left out: pins are
 * fetched at depth 1, so only commits that were pinned or bisected are there).
 */
export async function commitFacts(cache: string, shas: readonly string[]): Promise<Record<string, CommitFacts>> {
  const wanted = [...new Set(shas)].filter((s) => /^[0-9a-f]{40}$/.test(s));
  if (!wanted.length || !existsSync(cache)) return {};
  const { execa } = await import('execa');
  const result = await execa('git', ['cat-file', '--batch'], {
    cwd: cache,
    input: wanted.map((s) => `${s}\n`).join(''),
    encoding: 'buffer',
    stripFinalNewline: false,
    env: { GIT_TERMINAL_PROMPT: '0' },
    reject: false,
  });
  if (result.exitCode !== 0) return {};
  const out = Buffer.from(result.stdout);
  const facts: Record<string, CommitFacts> = {};
  let at = 0;
  for (const sha of wanted) {
    const eol = out.indexOf(0x0a, at);
    if (eol < 0) break;
    const header = out.subarray(at, eol).toString().split(' ');
    at = eol + 1;
    if (header[1] !== 'commit') {
      // `<sha> missing`, or another kind of object: nothing to skip, or its body and newline.
      if (header.length === 3) at += Number(header[2]) + 1;
      continue;
    }
    const size = Number(header[2]);
    const body = out.subarray(at, at + size).toString('utf8');
    at += size + 1;
    const split = body.indexOf('\n\n');
    const headers = body.slice(0, split < 0 ? body.length : split);
    const subject = split < 0 ? '' : (body.slice(split + 2).split('\n')[0] ?? '');
    const author = /^author .* (\d+) ([+-]\d{4})$/m.exec(headers);
    facts[sha] = { subject, date: author ? new Date(Number(author[1]) * 1000).toISOString().replace(/\.000Z$/, 'Z') : '' };
  }
  return facts;
}
