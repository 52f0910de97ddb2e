import { parseWith } from '../errors';
import { type ComponentConfig, componentConfigSchema } from './component-config';
import { type IntegrationConfig, integrationConfigSchema } from './integration-config';
import { parseYaml } from './parse-yaml';
import { type SeamConfig, seamConfigSchema } from './seam-config';

/** Text of each workspace file -> its checked config; `file` is only for messages. */
export const parseIntegrationConfig = (text: string, file: string): IntegrationConfig => parseWith(integrationConfigSchema, parseYaml(text, file), file);

export const parseComponentConfig = (text: string, file: string): ComponentConfig => parseWith(componentConfigSchema, parseYaml(text, file), file);

export const parseSeamConfig = (text: string, file: string): SeamConfig => parseWith(seamConfigSchema, parseYaml(text, file), file);
