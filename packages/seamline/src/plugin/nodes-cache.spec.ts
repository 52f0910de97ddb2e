import { workspaceDataDirectory as current } from 'nx/src/utils/cache-directory';
import { nxWorkspaceDataDirectory } from './nodes-cache';

describe('nxWorkspaceDataDirectory', () => {
  it('reads it from the first source that has it, without loading the others', () => {
    const second = jest.fn(() => ({ workspaceDataDirectory: '/other' }));
    expect(nxWorkspaceDataDirectory([() => ({ workspaceDataDirectory: '/ws/.nx/workspace-data' }), second])).toBe('/ws/.nx/workspace-data');
    expect(second).not.toHaveBeenCalled();
  });

  it('falls back to the next source on an Nx whose first one lacks it', () => {
    expect(nxWorkspaceDataDirectory([() => ({}), () => ({ workspaceDataDirectory: '/ws/.nx/workspace-data' })])).toBe('/ws/.nx/workspace-data');
  });

  it('is undefined when no source has it, so the cache turns itself off instead of throwing', () => {
    expect(nxWorkspaceDataDirectory([() => ({}), () => ({ workspaceDataDirectory: undefined })])).toBeUndefined();
  });

  it("finds this Nx's own directory with the default sources", () => {
    expect(nxWorkspaceDataDirectory()).toBe(current);
  });
});
