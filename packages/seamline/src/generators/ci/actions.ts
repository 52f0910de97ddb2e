/**
 * The actions the generated workflows use, each pinned to the full commit SHA of
 * a release tag (a tag can be moved; a SHA cannot). The tag goes in a comment
 * next to the SHA so a reader and Dependabot/Renovate can tell the version.
 */
export interface PinnedAction {
  action: string;
  sha: string;
  tag: string;
}

export const ACTIONS = {
  checkout: { action: 'actions/checkout', sha: '11bd71901bbe5b1630ceea73d27597364c9af683', tag: 'v4.2.2' },
  setupNode: { action: 'actions/setup-node', sha: '49933ea5288caeca8642d1e84afbd3f7d6820020', tag: 'v4.4.0' },
  uploadArtifact: { action: 'actions/upload-artifact', sha: 'ea165f8d65b6e75b540449e92b4886f43607fa02', tag: 'v4.6.2' },
} as const satisfies Record<string, PinnedAction>;

/** `actions/checkout@<sha>`: the value of a `uses:`. */
export const uses = (a: PinnedAction): string => `${a.action}@${a.sha}`;
