/**
 * The actions the generated workflows use, each pinned to the full commit SHA of
 * a release tag (a tag can be moved; a SHA cannot). The tag goes in a comment
 * next to the SHA so a reader and Dependabot/Renovate can tell the version.
 * Each is a major that runs on the Node 24 Actions runtime (`runs.using: node24`);
 * how each SHA was checked against its tag is written down in docs/github.md
 * ("Pinned actions").
 */
export interface PinnedAction {
  action: string;
  sha: string;
  tag: string;
}

export const ACTIONS = {
  checkout: { action: 'actions/checkout', sha: '1af3b93b6815bc44a9784bd300feb67ff0d1eeb3', tag: 'v6.0.0' },
  setupNode: { action: 'actions/setup-node', sha: '2028fbc5c25fe9cf00d9f06a71cc4710d4507903', tag: 'v6.0.0' },
  uploadArtifact: { action: 'actions/upload-artifact', sha: 'b7c566a772e6b6bfb58ed0dc250532a479d7789f', tag: 'v6.0.0' },
  // Only the sharded workflows (--shards above 1) download artifacts. v7, not v6: download-artifact's v6
  // still defaults to Node 20; v7.0.0 is its first major on node24 (docs/github.md).
  downloadArtifact: { action: 'actions/download-artifact', sha: '37930b1c2abaa49bbe596cd826c3c89aef350131', tag: 'v7.0.0' },
  // --pages only. The newest majors whose SHAs the stored index proves (docs/github.md, "Pinned actions").
  configurePages: { action: 'actions/configure-pages', sha: '983d7736d9b0ae728b81ab479565c72886d7745b', tag: 'v5.0.0' },
  uploadPagesArtifact: { action: 'actions/upload-pages-artifact', sha: '7b1f4a764d45c48632c6b24a0339c27f5614fb0b', tag: 'v4.0.0' },
  deployPages: { action: 'actions/deploy-pages', sha: 'd6db90164ac5ed86f2b6aed7e0febac5b3c0c03e', tag: 'v4.0.5' },
} as const satisfies Record<string, PinnedAction>;

/** `actions/checkout@<sha>`: the value of a `uses:`. */
export const uses = (a: PinnedAction): string => `${a.action}@${a.sha}`;
