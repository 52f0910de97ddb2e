import { z } from 'zod';

/** Component and seam names are Nx project names and folder names: one safe spelling. */
export const COMPONENT_NAME = '[a-z0-9][a-z0-9._-]*';
export const COMPONENT_NAME_PATTERN = new RegExp(`^${COMPONENT_NAME}$`);

export const componentNameSchema = z.string().regex(COMPONENT_NAME_PATTERN, 'a name of lowercase letters, digits, ".", "_" or "-"');
