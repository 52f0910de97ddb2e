/**
 * Exact versions of what generated seams run with (jest) and are edited with (its types,
 * TypeScript), kept in one place. The TypeScript transform comes with @seamline/nx
 * (src/testing/jest-transform), so any TypeScript the workspace already has is kept.
 */
export const seamDevDependencies = {
  jest: '30.5.2',
  '@types/jest': '30.0.0',
  typescript: '5.9.3',
} as const;
