/**
 * The production compose file (no Docker engine runs here, so it is checked by parsing): the
 * services of a production Temporal deployment, healthchecks and start order, secrets only
 * from the environment, and exactly the search attributes the code defines.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { registeredSearchAttributes } from '../../programs/catalogue';

const ROOT = path.resolve(__dirname, '..', '..');
const text = fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');

interface Service {
  image?: string;
  build?: unknown;
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string | string[] };
  depends_on?: Record<string, { condition: string }>;
  restart?: string;
  ports?: string[];
}
const compose = parse(text, { merge: true }) as { services: Record<string, Service> };
const services = compose.services;

function script(service: Service): string {
  return [service.entrypoint, service.command].flat().filter(Boolean).join('\n');
}
function serviceWhere(predicate: (s: Service) => boolean, what: string): [string, Service] {
  const found = Object.entries(services).filter(([, s]) => predicate(s));
  if (found.length !== 1) throw new Error(`expected exactly one service that ${what}, found ${found.map(([n]) => n).join(', ') || 'none'}`);
  return found[0]!;
}

describe('docker-compose.yml', () => {
  const [postgresName, postgres] = serviceWhere((s) => /^postgres:/.test(s.image ?? '') && s.restart !== 'no', 'runs the postgres server');
  const [schemaName, schema] = serviceWhere((s) => /temporalio\/admin-tools/.test(s.image ?? '') && /temporal-sql-tool/.test(script(s)), 'sets up the Temporal schemas');
  const [temporalName, temporal] = serviceWhere((s) => /^temporalio\/server:/.test(s.image ?? ''), 'runs the Temporal server');
  const [setupName, setup] = serviceWhere((s) => /temporalio\/admin-tools/.test(s.image ?? '') && /temporal operator/.test(script(s)), 'creates the namespace and search attributes');
  const [uiName] = serviceWhere((s) => /^temporalio\/ui:/.test(s.image ?? ''), 'runs the Temporal UI');

  it('has the services of the production pattern, the worker and the API built from the Dockerfile', () => {
    expect(services.worker?.build).toBeDefined();
    expect(services.api?.build).toBeDefined();
    expect(script(services.worker!)).toContain('worker/main.ts');
    expect(script(services.api!)).toContain('api/main.ts');
    expect(Object.keys(services)).toEqual(expect.arrayContaining([postgresName, schemaName, temporalName, setupName, uiName, 'worker', 'api']));
    expect(Object.values(services).some((s) => /auto-setup/.test(s.image ?? ''))).toBe(false); // deprecated image
  });

  it('runs Temporal on PostgreSQL with both schemas', () => {
    expect(temporal.environment).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: postgresName, BIND_ON_IP: '0.0.0.0' });
    expect(temporal.environment?.POSTGRES_USER).toBeDefined();
    expect(temporal.environment?.POSTGRES_PWD).toBeDefined();
    expect(schema.environment?.SQL_PLUGIN).toBe('postgres12');
    for (const step of ['--db temporal setup-schema', '--db temporal update-schema', '--db temporal_visibility setup-schema', '--db temporal_visibility update-schema']) {
      expect(script(schema)).toContain(step);
    }
  });

  it('registers exactly the search attributes the code defines', () => {
    const declared = Object.fromEntries((setup.environment?.SEARCH_ATTRIBUTES ?? '').split(/\s+/).filter(Boolean).map((entry) => entry.split('=') as [string, string]));
    expect(declared).toEqual(registeredSearchAttributes());
    expect(script(setup)).toMatch(/for entry in \$\$SEARCH_ATTRIBUTES/);
    expect(script(setup)).toContain('temporal operator search-attribute create');
    expect(script(setup)).toContain('temporal operator namespace create');
  });

  it('starts each part only when what it needs is ready', () => {
    expect(services['postgres-roles']?.depends_on?.[postgresName]?.condition).toBe('service_healthy');
    expect(schema.depends_on?.['postgres-roles']?.condition).toBe('service_completed_successfully');
    expect(temporal.depends_on?.[schemaName]?.condition).toBe('service_completed_successfully');
    expect(setup.depends_on?.[temporalName]?.condition).toBe('service_healthy');
    expect(services[uiName]!.depends_on?.[setupName]?.condition).toBe('service_completed_successfully');
    for (const name of ['worker', 'api']) {
      expect(services[name]!.depends_on?.[setupName]?.condition).toBe('service_completed_successfully');
      expect(services[name]!.depends_on?.migrate?.condition).toBe('service_completed_successfully');
    }
    expect(services.migrate?.depends_on?.['postgres-roles']?.condition).toBe('service_completed_successfully');
    expect(script(services.migrate!)).toContain('bin/migrate.ts');
    for (const oneShot of [schemaName, setupName, 'migrate', 'postgres-roles']) expect(services[oneShot]!.restart).toBe('no');
  });

  it('has healthchecks on the long-running servers, the API on /readyz', () => {
    for (const name of [postgresName, temporalName, uiName, 'api']) expect(services[name]!.healthcheck?.test).toBeDefined();
    expect([services.api!.healthcheck!.test].flat().join(' ')).toContain('/readyz');
  });

  it('takes every secret from the environment, never a literal', () => {
    const app = services.api!.environment!;
    expect(app.AUTH_SECRET).toMatch(/^\$\{AUTH_SECRET:\?/);
    expect(app.NODE_ENV).toBe('production');
    expect(app.DATABASE_URL).toContain('${APP_DB_PASSWORD:?');
    expect(services.migrate!.environment!.MIGRATION_DATABASE_URL).toContain('${MIGRATION_DB_PASSWORD:?');
    expect(postgres.environment?.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
    expect(temporal.environment?.POSTGRES_PWD).toMatch(/^\$\{TEMPORAL_DB_PASSWORD:\?/);
    expect(schema.environment?.SQL_PASSWORD).toMatch(/^\$\{TEMPORAL_DB_PASSWORD:\?/);
    // No variable that looks like a secret has a literal value anywhere.
    for (const [name, service] of Object.entries(services)) {
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        if (/SECRET|PASSWORD|PWD|TOKEN/.test(key)) expect(`${name}.${key}=${value}`).toMatch(/=\$\{[A-Z_]+:\?/);
      }
    }
  });

  it('gives the worker and the API a role that only reads and writes rows, migrations the owner, Temporal its own', () => {
    for (const name of ['worker', 'api']) {
      expect(services[name]!.environment!.DATABASE_URL).toMatch(/^postgres:\/\/assistance_app:/);
      expect(services[name]!.environment!.MIGRATION_DATABASE_URL).toBeUndefined();
    }
    expect(services.migrate!.environment!.MIGRATION_DATABASE_URL).toMatch(/^postgres:\/\/assistance_owner:/);
    expect(temporal.environment?.POSTGRES_USER).toBe('temporal');
    expect(schema.environment?.SQL_USER).toBe('temporal');
    const roles = script(services['postgres-roles']!);
    expect(roles).toContain('alter role assistance_app with login nosuperuser nocreatedb nocreaterole');
    expect(roles).toContain('grant select, insert, update, delete on tables to assistance_app');
    expect(roles).toContain('revoke create on schema public from public');
  });

  test('Temporal is not published, and its Web UI only on the host\'s loopback', () => {
    expect(temporal.ports ?? []).toEqual([]);
    const ui = Object.values(services).find((s) => /^temporalio\/ui:/.test(s.image ?? ''))!;
    expect(ui.ports).toEqual([expect.stringMatching(/^127\.0\.0\.1:/)]);
  });

  test('the Web UI signs people in at the same OpenID Connect issuer as the API, every setting required', () => {
    const ui = Object.values(services).find((s) => /^temporalio\/ui:/.test(s.image ?? ''))!.environment!;
    const api = services.api!.environment!;
    expect(ui.TEMPORAL_AUTH_ENABLED).toBe('true');
    expect(ui.TEMPORAL_AUTH_TYPE).toBe('oidc');
    expect(api.OIDC_ISSUER).toMatch(/^\$\{OIDC_ISSUER:\?/);
    expect(api.OIDC_AUDIENCE).toMatch(/^\$\{OIDC_AUDIENCE:\?/);
    expect(ui.TEMPORAL_AUTH_PROVIDER_URL).toBe(api.OIDC_ISSUER);
    expect(ui.TEMPORAL_AUTH_ISSUER_URL).toBe(api.OIDC_ISSUER);
    expect(ui.TEMPORAL_AUTH_CLIENT_ID).toMatch(/^\$\{TEMPORAL_UI_OIDC_CLIENT_ID:\?/);
    expect(ui.TEMPORAL_AUTH_CLIENT_SECRET).toMatch(/^\$\{TEMPORAL_UI_OIDC_CLIENT_SECRET:\?/);
    expect(ui.TEMPORAL_AUTH_CALLBACK_URL).toMatch(/^\$\{TEMPORAL_UI_URL:\?[^}]*\}\/auth\/sso\/callback$/);
    expect(ui.TEMPORAL_AUTH_SCOPES?.split(',')).toContain('openid');
    // The codec server lets the UI's origin call it from the browser.
    expect(api.TEMPORAL_UI_ORIGIN).toMatch(/^\$\{TEMPORAL_UI_URL:\?/);
  });
});
