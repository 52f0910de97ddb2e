import type { IntegrationConfig } from './config/integration-config';
import type { SeamConfig } from './config/seam-config';
import { crossFileProblem, integrationConfigPath, seamNamedLikeComponent } from './config/workspace-model';
import { COMPONENT_NAME_PATTERN } from './component-name';

/**
 * `nx run integration:lint-subsets`: the checks loadWorkspace makes on subsets,
 * plus curation policy, collected instead of thrown so one run names every
 * problem. Errors fail the run; warnings are printed only.
 */
export interface LintProblem {
  severity: 'error' | 'warning';
  message: string;
}

export interface LintInput {
  integration: IntegrationConfig;
  /** Every seam found, by name; `undefined` for one whose seam.yaml does not parse (reported on its own). */
  seams: Record<string, SeamConfig | undefined>;
  /** Where each seam's seam.yaml is, relative to the workspace root. */
  files: Record<string, string>;
  /** YYYY-MM-DD, UTC: a quarantine or hold that expired before this day is a problem. */
  today: string;
  /** The declared components (components/<name>/component.yaml), for the holds and the seams' components; undefined: not checked. */
  components?: readonly string[];
}

/** The subset that runs on every PR: no ring 3 (full platform) seams there. */
export const PR_SUBSET = 'pr_fast';

export const DEFAULT_ALLOWED_DIRS = ['seams'];

const I = integrationConfigPath;
const error = (message: string): LintProblem => ({ severity: 'error', message });
const warning = (message: string): LintProblem => ({ severity: 'warning', message });

/**
 * seam.yaml paths found in the workspace -> the seams among them, by name, and
 * a problem for each file that is not `<allowed dir>/<name>/seam.yaml`.
 */
export function placeSeamFiles(paths: string[], allowedDirs: string[]): { files: Record<string, string>; problems: LintProblem[] } {
  const files: Record<string, string> = {};
  const problems: LintProblem[] = [];
  const dirs = allowedDirs.join(', ');
  // The first allowed dir wins a name clash: its seam is the one the plugin loads.
  const rank = (path: string) => {
    const i = allowedDirs.findIndex((d) => path.startsWith(`${d}/`));
    return i === -1 ? allowedDirs.length : i;
  };
  const ordered = [...paths].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  for (const path of ordered) {
    const parts = path.split('/');
    const folder = parts.at(-2) ?? '<name>';
    const dir = allowedDirs.find((d) => path.startsWith(`${d}/`));
    if (dir === undefined) {
      problems.push(error(`${path}: is outside the allowed seam folders (${dirs}); move it to ${allowedDirs[0]}/${folder}/seam.yaml`));
      continue;
    }
    const name = path.slice(dir.length + 1, -'/seam.yaml'.length);
    if (!name || name.includes('/')) {
      problems.push(error(`${path}: expected ${dir}/<name>/seam.yaml, one folder per seam; move it to ${dir}/${name ? folder : '<name>'}/seam.yaml`));
    } else if (!COMPONENT_NAME_PATTERN.test(name)) {
      problems.push(error(`${path}: the folder name "${name}" is the project name; expected lowercase letters, digits, ".", "_" or "-"; rename the folder`));
    } else if (files[name]) {
      problems.push(error(`${path}: seam "${name}" is also at ${files[name]}; seam names are Nx project names and must be unique, rename one folder`));
    } else {
      files[name] = path;
    }
  }
  return { files, problems };
}

/**
 * The holds of seamline.yaml: each on a declared component, one per component, and
 * current (an expired hold no longer applies, so `full` moves that component again:
 * the entry must go or get a new date). A SHA that is not a full 40-hex SHA never
 * gets here: the schema names it when the file is read.
 */
export function lintHolds(integration: IntegrationConfig, today: string, components: readonly string[] | undefined): LintProblem[] {
  const problems: LintProblem[] = [];
  integration.hold.forEach((h, i) => {
    const field = (f: string) => `${I}: field "hold[${i}].${f}"`;
    const first = integration.hold.findIndex((other) => other.component === h.component);
    if (components && !components.includes(h.component))
      problems.push(error(`${field('component')}: ${crossFileProblem.heldComponent(h.component, [...components])}`));
    else if (first !== i) problems.push(error(`${field('component')}: ${crossFileProblem.heldTwice(h.component, first)}`));
    if (h.expires < today)
      problems.push(
        error(
          `${field('expires')}: ${h.expires} is in the past (today is ${today}), so ${h.component} is no longer held; remove the entry (nx run integration:hold --component=${h.component} --release) once it is fixed, or give a new date`,
        ),
      );
  });
  return problems;
}

/** A seam must name declared components, and not share its name with one (both are Nx projects). */
function lintSeamComponents(seams: Record<string, SeamConfig | undefined>, fileOf: (name: string) => string, components: readonly string[]): LintProblem[] {
  const problems: LintProblem[] = [];
  for (const name of Object.keys(seams).sort()) {
    if (components.includes(name)) problems.push(error(seamNamedLikeComponent(name, fileOf(name)).message));
    seams[name]?.components.forEach((component, i) => {
      if (!components.includes(component))
        problems.push(error(`${fileOf(name)}: field "components[${i}]": ${crossFileProblem.seamComponent(component, [...components])}`));
    });
  }
  return problems;
}

/** Every problem with the subsets, the seams' subset fields, the quarantine and the holds, in file order. */
export function lintSubsets({ integration, seams, files, today, components }: LintInput): LintProblem[] {
  const problems: LintProblem[] = [];
  const names = Object.keys(seams).sort();
  const subsets = Object.entries(integration.subsets);
  const fileOf = (name: string) => files[name] ?? `seams/${name}/seam.yaml`;

  for (const [subset, { seams: listed }] of subsets) {
    if (listed === 'all') continue;
    listed.forEach((seam, i) => {
      const field = `field "subsets.${subset}.seams[${i}]"`;
      if (listed.indexOf(seam) !== i) problems.push(error(`${I}: ${field}: ${crossFileProblem.listedTwice(seam)}`));
      else if (!(seam in seams)) problems.push(error(`${I}: ${field}: ${crossFileProblem.subsetSeam(seam, names)}`));
    });
  }

  for (const name of names) {
    seams[name]?.subsets.forEach((subset, i) => {
      const field = `${fileOf(name)}: field "subsets[${i}]"`;
      const entry = integration.subsets[subset];
      if (!entry) problems.push(error(`${field}: ${crossFileProblem.seamSubset(subset, Object.keys(integration.subsets))}`));
      else if (entry.seams !== 'all' && !entry.seams.includes(name)) problems.push(error(`${field}: ${crossFileProblem.seamNotListed(name, subset)}`));
    });
  }

  integration.quarantine.forEach((q, i) => {
    const field = (f: string) => `${I}: field "quarantine[${i}].${f}"`;
    const first = integration.quarantine.findIndex((other) => other.seam === q.seam);
    if (!(q.seam in seams)) problems.push(error(`${field('seam')}: ${crossFileProblem.quarantinedSeam(q.seam, names)}`));
    else if (first !== i) problems.push(error(`${field('seam')}: "${q.seam}" is already quarantined at quarantine[${first}]; keep one entry`));
    if (!q.reason.trim()) problems.push(error(`${field('reason')}: is empty; say why "${q.seam}" is quarantined (an issue link or a sentence)`));
    if (q.expires < today)
      problems.push(
        error(`${field('expires')}: ${q.expires} is in the past (today is ${today}); fix "${q.seam}" and remove the entry, or extend it with a new date`),
      );
  });

  problems.push(...lintHolds(integration, today, components));
  if (components) problems.push(...lintSeamComponents(seams, fileOf, components));

  for (const name of names) {
    const inSome = subsets.some(([, s]) => s.seams === 'all' || s.seams.includes(name));
    if (!inSome) problems.push(warning(`${fileOf(name)}: is in no subset, so it never runs; list it in a subset of ${I}`));
  }

  const pr = integration.subsets[PR_SUBSET];
  if (pr) {
    const ring3 = (name: string) => seams[name]?.ring === 3;
    if (pr.seams === 'all') {
      for (const name of names.filter(ring3))
        problems.push(
          warning(
            `${I}: field "subsets.${PR_SUBSET}.seams": all includes "${name}", a ring 3 (full platform) seam; curate ${PR_SUBSET} so that every PR gets a fast answer`,
          ),
        );
    } else {
      pr.seams.forEach((name, i) => {
        if (ring3(name))
          problems.push(
            warning(
              `${I}: field "subsets.${PR_SUBSET}.seams[${i}]": "${name}" is a ring 3 (full platform) seam; ${PR_SUBSET} runs on every PR, move it to a post-merge subset such as full`,
            ),
          );
      });
    }
  }
  return problems;
}
