import { formatFiles, type Tree } from '@nx/devkit';
import { logger } from '../../terminal/logger';
import { stringify } from 'yaml';
import { componentConfigSchema, GITHUB_REPO_PATTERN } from '../../core/config/component-config';
import { isGitUrl, redactUrl } from '../../core/config/git-url';
import { componentConfigPath, seamConfigPath } from '../../core/config/workspace-model';
import { parseWith, SeamlineError } from '../../core/errors';
import { listOption } from '../../core/list-option';
import { COMPONENT_NAME_PATTERN } from '../../core/component-name';
import { shortSha } from '../../core/tuple';
import { resolveBranch } from '../../git/ls-remote';
import type { ComponentGeneratorSchema } from './schema';
import { asTyped, generatorCommandLine } from '../../cli/text-options';

/** `nx g @seamline/nx:component users --repo=... --branch=main`: writes components/<name>/component.yaml. */
export async function componentGenerator(tree: Tree, given: ComponentGeneratorSchema): Promise<void> {
  const options = asTyped(given, generatorCommandLine(), __dirname);
  const { name, repo } = options;
  const branch = options.branch ?? 'main';
  const file = componentConfigPath(name);
  if (!COMPONENT_NAME_PATTERN.test(name)) throw new SeamlineError(`name: expected lowercase letters, digits, ".", "_" or "-", got ${JSON.stringify(name)}`);
  if (!isGitUrl(repo))
    throw new SeamlineError(`--repo: expected a git URL (https://, ssh://, file:// or git@host:owner/repo.git), got ${JSON.stringify(repo)}`);
  if (options.github !== undefined && !GITHUB_REPO_PATTERN.test(options.github))
    throw new SeamlineError(`--github: expected owner/name of the repository on GitHub, such as acme/users, got ${JSON.stringify(options.github)}`);
  if (tree.exists(file)) throw new SeamlineError(`${file}: already exists; edit it, or remove it first`);
  if (tree.exists(seamConfigPath(name))) throw new SeamlineError(`${seamConfigPath(name)}: a seam is already called "${name}"; project names must be unique`);
  const dependsOn = listOption(options.dependsOn);
  for (const dep of dependsOn) {
    if (!tree.exists(componentConfigPath(dep)))
      throw new SeamlineError(`--dependsOn: unknown component "${dep}"; add it first with nx g @seamline/nx:component ${dep} --repo=<url>`);
  }

  const config = {
    repo,
    ...(options.github ? { github: options.github } : {}),
    branch,
    ...(dependsOn.length ? { dependsOn } : {}),
    ...(options.npm ? { provides: { npm: options.npm } } : {}),
    ...(options.submodules ? { submodules: true } : {}),
    ...(options.lfs ? { lfs: true } : {}),
  };
  parseWith(componentConfigSchema, config, file); // the file we write must read back
  tree.write(file, `# Component ${name}: its sources live in git, pinned per run.\n${stringify(config)}`);

  if (!options.skipCheck) {
    try {
      const head = await resolveBranch(name, repo, branch, { attempts: 2, retryDelayMs: 300 });
      logger.info(`${name}: ${branch} of ${redactUrl(repo)} is at ${shortSha(head)}`);
    } catch (error) {
      // The message already names the component, the URL and what to check.
      logger.warn(`${(error as Error).message} (${file} is written anyway)`);
    }
  }
  if (!options.skipFormat) await formatFiles(tree);
}

export default componentGenerator;
