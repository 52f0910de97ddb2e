/** Tags on the projects Seamline makes, so the graph and the runs can tell them apart. */
export const TAGS = {
  integration: 'seamline:integration',
  component: 'seamline:component',
  seam: 'seamline:seam',
  ring: (ring: number) => `seamline:ring-${ring}`,
  subset: (subset: string) => `seamline:subset-${subset}`,
};
