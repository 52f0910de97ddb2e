// Text options may reach the executor as numbers (Nx parses `--reason=1234567`); asTyped gives back the text.
export interface CiGeneratorSchema {
  /** owner/name of the integration repository; default: `github.repository` of integration/seamline.yaml. */
  integrationRepo?: string | number;
  /** The integration repository's branch that receives the known-good store; default main. */
  branch?: string | number;
  /** cron (UTC) of the scheduled full run; default every two hours at minute 17. */
  schedule?: string | number;
  /** Node.js version of the workflows; default: .nvmrc, .node-version, engines.node of package.json, else 26 (Active LTS). */
  nodeVersion?: string | number;
  /** Package manager the workflows install with; default: packageManager of package.json, else the lockfile, else npm. */
  packageManager?: 'npm' | 'pnpm' | 'yarn' | 'bun';
  /** Shards of pr-fast, changeset and full (plan, shard matrix, combine); default 1: one job each. */
  shards?: number;
  /** The known-good store; default: `store` of integration/seamline.yaml. */
  store?: string | number;
  /** Build the report site after every full run, pass or fail, and deploy it to GitHub Pages; default false. */
  pages?: boolean;
  /** Steps that run seams use Nx's self-hosted remote cache: server from a repository variable, tokens from secrets; default false. */
  remoteCache?: boolean;
}
