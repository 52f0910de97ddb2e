/** Exact versions of what generated seams run with (jest and TypeScript), kept in one place. */
export const seamDevDependencies = {
  jest: '30.5.2',
  'ts-jest': '29.4.15',
  '@types/jest': '30.0.0',
  typescript: '5.9.3',
} as const;
