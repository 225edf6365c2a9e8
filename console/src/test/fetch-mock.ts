import { vi } from 'vitest';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: string | undefined;
  json: unknown;
}

/** `text`: a body sent as it is (a CSV roster), instead of `body` as JSON. */
type Handler = (request: RecordedRequest) => { status?: number; body?: unknown; text?: string; contentType?: string } | undefined;

/**
 * Component tests only (the brief's rule): a fetch that answers as the API does, and records what
 * the console sent. Unmatched requests get a 404 problem document, like a server without the route.
 */
export function mockApi(routes: Record<string, Handler>) {
  const requests: RecordedRequest[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://console.test');
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? init.body : undefined;
    let json: unknown = undefined;
    try {
      json = body ? JSON.parse(body) : undefined;
    } catch {
      json = undefined;
    }
    const request: RecordedRequest = { method, path: url.pathname, query: url.searchParams, headers: (init?.headers ?? {}) as Record<string, string>, body, json };
    requests.push(request);
    const handler = routes[`${method} ${url.pathname}`];
    const answer = handler?.(request) ?? { status: 404, body: { type: '/problems/not-found', title: 'Not Found', status: 404 } };
    const status = answer.status ?? 200;
    return new Response(answer.text ?? (answer.body === undefined ? '' : JSON.stringify(answer.body)), {
      status,
      headers: { 'Content-Type': answer.contentType ?? (status >= 400 ? 'application/problem+json' : 'application/json') },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { requests, fetchMock, sent: (method: string, path: string) => requests.filter((r) => r.method === method && r.path === path) };
}
