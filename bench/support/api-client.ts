/**
 * The benchmark's HTTP client for the API: bearer tokens signed with the API's own secret
 * (http/auth/tokens.ts), one per role and one per hospital, and a request that fails loudly on
 * any status but the expected ones.
 */
import type { Hospital } from '../../programs/surgery/domain/schemas';
import type { Role } from '../../domain/actor';
import { signToken } from '../../http/auth/tokens';

export class ApiError extends Error {}

export interface ApiTokens {
  officer: string;
  admin: string;
  /** Civil affairs opens and submits payrolls; finance approves them (two different people). */
  civil: string;
  finance: string;
  hospital: Map<string, string>;
}

const TOKEN_TTL_SECONDS = 12 * 3600;

export async function signBenchTokens(secret: string, hospitals: readonly Hospital[]): Promise<ApiTokens> {
  const sign = async (role: Role, hospitalId?: string) => (await signToken(secret, { role, sub: `bench-${role}`, hospitalId, ttlSeconds: TOKEN_TTL_SECONDS })).token;
  const hospital = new Map<string, string>();
  for (const h of hospitals) hospital.set(h.id, await sign('hospital', h.id));
  return { officer: await sign('officer'), admin: await sign('admin'), civil: await sign('civil'), finance: await sign('finance'), hospital };
}

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly tokens: ApiTokens,
  ) {}

  hospitalToken(hospitalId: string): string {
    const token = this.tokens.hospital.get(hospitalId);
    if (!token) throw new Error(`no token for hospital ${hospitalId}`);
    return token;
  }

  async request<T>(method: 'GET' | 'POST', path: string, token: string, body?: unknown, expect: readonly number[] = [200]): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(600_000),
    });
    const text = await response.text();
    if (!expect.includes(response.status)) {
      throw new ApiError(`${method} ${path}: HTTP ${response.status} ${text.slice(0, 300)}`);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
