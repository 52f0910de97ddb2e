/**
 * The repository URL forms git itself accepts for a remote we fetch by SHA:
 * https/http, ssh, git, file, and scp-like `git@host:owner/repo.git`.
 */
const URL_FORMS = [/^(https?|ssh|git|file):\/\/\S+$/, /^\w[\w.-]*@\w[\w.-]*:[\w./~-]+$/];

export function isGitUrl(value: string): boolean {
  return URL_FORMS.some((form) => form.test(value)) && !/\s/.test(value);
}

/** Drop userinfo (tokens) before a URL is printed or written anywhere. */
export function redactUrl(value: string): string {
  return value.replace(/^([a-z+]+:\/\/)[^@/]+@/i, '$1***@');
}
