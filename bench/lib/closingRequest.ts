import http from 'node:http';

/**
 * An HTTP request from the bench to a measured server, on a connection closed once answered (`Connection: close`).
 * `fetch` keeps its connection open and closes it after some seconds idle: the board's creation, about five
 * seconds before the reveal, had its connection closed inside the reveal's window, and the server's work for it
 * (reading the end, closing a socket of another shape than the people's, which threw away V8's optimised socket
 * code) was counted as the reveal's.
 */
export function closingRequest(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}
