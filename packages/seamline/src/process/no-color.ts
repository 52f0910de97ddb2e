/**
 * NO_COLOR means no colour. Nx sets FORCE_COLOR=true for an executor whose user did not set
 * FORCE_COLOR, and passes it on to every task; with NO_COLOR also set, each Node process under
 * the run (seams, prepare commands) printed a warning that it ignores NO_COLOR, and coloured
 * its output. FORCE_COLOR=0 is what every one of them reads as "no colour", without a warning.
 * Set in this process's environment, which the processes it starts inherit.
 */
export function noColorWins(env: NodeJS.ProcessEnv = process.env): void {
  if (env.NO_COLOR) env.FORCE_COLOR = '0';
}
