import { workspaceDataDirectory as current } from 'nx/src/utils/cache-directory';
import { nxWorkspaceDataDirectory } from './nodes-cache';

describe('nxWorkspaceDataDirectory', () => {
  it('reads it from devkit-internals where Nx exports it there (23.1.2 and later)', () => {
    expect(nxWorkspaceDataDirectory([{ workspaceDataDirectory: '/ws/.nx/workspace-data' }, { workspaceDataDirectory: '/other' }])).toBe(
      '/ws/.nx/workspace-data',
    );
  });

  it('falls back to nx/src/utils/cache-directory on an Nx whose devkit-internals lacks it (23.0.x, 23.1.0, 23.1.1)', () => {
    expect(nxWorkspaceDataDirectory([{}, { workspaceDataDirectory: '/ws/.nx/workspace-data' }])).toBe('/ws/.nx/workspace-data');
  });

  it('is undefined when no source has it, so the cache turns itself off instead of throwing', () => {
    expect(nxWorkspaceDataDirectory([{}, { workspaceDataDirectory: undefined }])).toBeUndefined();
  });

  it("finds this Nx's own directory with the default sources", () => {
    expect(nxWorkspaceDataDirectory()).toBe(current);
  });
});
