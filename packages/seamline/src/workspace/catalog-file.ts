import { mkdir, readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { CATALOG_FILE } from '../core/catalog';
import { writeFileAtomic } from '../fs/atomic-write';
import { displayPath } from './load-workspace';

export interface CatalogFile {
  /** As messages show it. */
  shown: string;
  /** The file's text, or undefined when there is none yet. */
  read(): Promise<string | undefined>;
  write(content: string): Promise<void>;
}

/** INTEGRATION-TESTS.md, or the file --out names (relative to the workspace). */
export function catalogFile(root: string, out = CATALOG_FILE): CatalogFile {
  const path = isAbsolute(out) ? out : join(root, out);
  return {
    shown: displayPath(root, path),
    read: () =>
      readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        throw error;
      }),
    async write(content) {
      await mkdir(dirname(path), { recursive: true });
      await writeFileAtomic(path, content);
    },
  };
}
