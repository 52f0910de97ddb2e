import { createServer, type Server } from 'node:http';
import { createGitHub } from './client';
import { fetchPull } from './pulls';

describe('reading a pull request', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    // A server that answers every request with JSON that is not a pull request.
    server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"message":"ok"}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('names the API root setting when what answers is not GitHub’s REST API', async () => {
    const gh = await createGitHub({ token: 'ghs_never_printed', baseUrl: url });
    await expect(fetchPull(gh, 'acme/users', 3)).rejects.toThrow(
      'GitHub: reading acme/users#3: the answer is not a pull request (no head.sha); is github.base_url in integration/seamline.yaml (or $GITHUB_API_URL) the REST API root, such as https://ghe.example.com/api/v3?',
    );
  });
});
