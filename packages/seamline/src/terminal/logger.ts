/**
 * What Seamline prints to the terminal: info as is, warnings bold yellow,
 * errors bold red (the look of Nx's own logger). Its own module rather than
 * `logger` from `@nx/devkit`, whose index loads much of Nx (about 85 ms in
 * every executor process) for three console calls.
 */

/** Colour as picocolors (Nx's) decides it, except that FORCE_COLOR=0 or false means no colour. */
export function colorsWanted(env: NodeJS.ProcessEnv, argv: readonly string[], stdoutIsTTY: boolean): boolean {
  if (env.NO_COLOR || argv.includes('--no-color')) return false;
  if (['0', 'false'].includes(env.FORCE_COLOR ?? '')) return false;
  return env.FORCE_COLOR !== undefined || (stdoutIsTTY && env.TERM !== 'dumb') || !!env.CI;
}

export function createLogger(colors: boolean, out: Pick<Console, 'info' | 'warn' | 'error'> = console) {
  const paint = (open: string) => (text: unknown) => (colors ? `\x1b[1m\x1b[${open}m${String(text)}\x1b[39m\x1b[22m` : String(text));
  const yellow = paint('33');
  const red = paint('31');
  return {
    info: (message: unknown): void => out.info(message),
    warn: (message: unknown): void => out.warn(yellow(message)),
    error: (message: unknown): void => out.error(red(message instanceof Error && message.stack ? message.stack : message)),
  };
}

export const logger = createLogger(colorsWanted(process.env, process.argv, !!process.stdout.isTTY));
