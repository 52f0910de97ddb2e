/**
 * @seamline/fake-github: a stateful fake of the GitHub REST API over real HTTP
 * on 127.0.0.1, for pointing a real Octokit at, and a real forward proxy to put
 * between them. Test support only: the plugin's unit specs and the e2e suite
 * import it by this name; nothing it ships does.
 */
export { startFakeGitHub } from './fake-github';
export type { FakeGitHub } from './fake-github';
export { closedPort, startForwardProxy } from './forward-proxy';
export type { ForwardProxy } from './forward-proxy';
