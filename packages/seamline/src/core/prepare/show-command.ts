/**
 * A command as logs show it, each argument quoted as a POSIX shell would need
 * it, so where one argument ends is visible: `node -e 'console.log(1)'`.
 * Only for showing: commands are run as argument lists, never through a shell.
 */
export function showCommand(command: readonly string[]): string {
  return command.map(quoteArgument).join(' ');
}

function quoteArgument(arg: string): string {
  if (/^[\w@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}
