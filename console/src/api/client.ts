import { ApiError, isProblemDocument } from './problem';

/** The API is same-origin: the API process serves this console (and vite proxies /v1 in development). */
export interface ApiClientOptions {
  baseUrl?: string;
  getToken: () => string | null;
  onUnauthorized?: () => void;
  /** The console's language, sent as Accept-Language so that the server's texts (explanations, problems) match it. */
  getLanguage?: () => string;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT';
  query?: Record<string, string | number | boolean | undefined | null>;
  json?: unknown;
  /** A raw body with its content type, e.g. a CSV roster. */
  body?: { contentType: string; text: string };
  signal?: AbortSignal;
  /** Send no Authorization header (service endpoints, dev sign-in). */
  anonymous?: boolean;
  /** `text`: the body as it comes (the settlement sheet's HTML) instead of parsed JSON; `blob`: its bytes (a spreadsheet). */
  as?: 'json' | 'text' | 'blob';
  /** Send this token instead of the session's (a single sign-on token before it becomes the session). */
  token?: string;
  /** Told the answer's HTTP status (201 and 200 may mean different things to the caller). */
  onStatus?: (status: number) => void;
}

export class ApiClient {
  constructor(private readonly options: ApiClientOptions) {}

  async request<T>(path: string, request: RequestOptions = {}): Promise<T> {
    const url = new URL(`${this.options.baseUrl ?? ''}${path}`, globalThis.location?.origin ?? 'http://localhost');
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, String(value));
    }
    const accept = { json: 'application/json, application/problem+json', text: 'text/html, application/problem+json', blob: '*/*' }[request.as ?? 'json'];
    const headers: Record<string, string> = { Accept: accept };
    const language = this.options.getLanguage?.();
    if (language) headers['Accept-Language'] = language;
    const token = request.anonymous ? null : request.token ?? this.options.getToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (request.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(request.json);
    } else if (request.body) {
      headers['Content-Type'] = request.body.contentType;
      body = request.body.text;
    }

    let response: Response;
    try {
      response = await fetch(this.options.baseUrl ? url.toString() : `${url.pathname}${url.search}`, {
        method: request.method ?? (body === undefined ? 'GET' : 'POST'),
        headers,
        body,
        signal: request.signal,
      });
    } catch (cause) {
      if ((cause as Error).name === 'AbortError') throw cause;
      throw new ApiError(0, { type: '/problems/network', title: 'Network error', status: 0, detail: (cause as Error).message });
    }

    request.onStatus?.(response.status);
    if (request.as === 'blob' && response.ok) return (await response.blob()) as T;
    const text = await response.text();
    let parsed: unknown = undefined;
    if (request.as === 'text' && response.ok) return text as T;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }
    if (!response.ok) {
      const problem = isProblemDocument(parsed) ? parsed : { type: '/problems/server', title: response.statusText || 'Error', status: response.status, detail: text.slice(0, 300) };
      if (response.status === 401 && !request.anonymous && !request.token) this.options.onUnauthorized?.();
      throw new ApiError(response.status, problem);
    }
    return parsed as T;
  }
}
