import { redactUrl } from '../core/config/git-url';

/** The proxy settings git, npm and curl read; the lower-case name wins, as it does for them. */
export interface ProxyEnv {
  httpProxy: string;
  httpsProxy: string;
  noProxy: string;
}

const first = (env: NodeJS.ProcessEnv, ...names: string[]) => names.map((n) => env[n]?.trim()).find(Boolean) ?? '';

/** HTTP_PROXY, HTTPS_PROXY and NO_PROXY as `env` sets them, or undefined when it names no proxy. */
export function proxyFromEnv(env: NodeJS.ProcessEnv): ProxyEnv | undefined {
  const proxy = {
    httpProxy: first(env, 'http_proxy', 'HTTP_PROXY'),
    httpsProxy: first(env, 'https_proxy', 'HTTPS_PROXY'),
    noProxy: first(env, 'no_proxy', 'NO_PROXY'),
  };
  return proxy.httpProxy || proxy.httpsProxy ? proxy : undefined;
}

/**
 * fetch through the proxy `env` names, or undefined when it names none.
 *
 * Node's own fetch ignores HTTPS_PROXY unless the process was started with
 * NODE_USE_ENV_PROXY=1, which Nx's executor processes are not: behind a
 * corporate proxy git fetched the components while every GitHub request went
 * direct and failed. undici (the fetch inside Node, as a package) reads the
 * variables as git does, NO_PROXY included, for Seamline's GitHub client only;
 * it is loaded only when a proxy is set.
 */
export async function fetchThroughProxy(env: NodeJS.ProcessEnv): Promise<typeof fetch | undefined> {
  const proxy = proxyFromEnv(env);
  if (!proxy) return undefined;
  const { EnvHttpProxyAgent, fetch: undiciFetch } = await import('undici');
  const dispatcher = new EnvHttpProxyAgent(proxy);
  return (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    try {
      return await undiciFetch(input as Parameters<typeof undiciFetch>[0], { ...(init as object), dispatcher });
    } catch (error) {
      // undici says only "fetch failed"; its cause says why. Name the proxy, never its password.
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      if (!cause) throw error;
      const https = String(input instanceof Request ? input.url : input).startsWith('https:');
      const via = redactUrl((https && proxy.httpsProxy) || proxy.httpProxy || proxy.httpsProxy);
      throw new Error(`${cause.message ?? cause.code} (proxy ${via}, from the proxy variables)`, { cause: error });
    }
  }) as typeof fetch;
}
