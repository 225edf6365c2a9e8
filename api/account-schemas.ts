/** Schemas of the accounts endpoints (sign-in, password, user administration, the sign-in audit). */
import { z } from 'zod';
import { ROLES } from '../domain/actor';
import { AUDIT_EVENTS } from '../store/users';
import { apiSchemaRegistry } from '../http/schemas';

/** Lower-case letters, digits, `.`, `_`, `-`: the same name on every keyboard and phone. */
export const usernameSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'must be 2–64 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit');
// Bounded so that nobody makes the server hash a megabyte.
const passwordSchema = z.string().min(1).max(256);

export const signInRequestSchema = z.strictObject({ username: z.string().min(1).max(128), password: passwordSchema });

const signedInUserSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  hospitalId: z.string().optional(),
  town: z.string().optional(),
});

export const signedInSchema = z.object({
  accessToken: z.string(),
  expiresAt: z.string().describe('ISO 8601; the token is refused from then on'),
  mustChangePassword: z.boolean().describe('true: the token may only change the password (POST /v1/auth/password) or sign out'),
  user: signedInUserSchema,
});

export const signedOutSchema = z.object({ revoked: z.boolean().describe('false for a token of `npm run token`: it has no id to revoke and simply expires') });

export const signInMethodsSchema = z.object({
  devSignIn: z.boolean().describe('POST /v1/dev/token exists (never in production)'),
  sso: z
    .object({ issuer: z.string(), authorizationEndpoint: z.string(), tokenEndpoint: z.string(), clientId: z.string(), scope: z.string() })
    .nullable()
    .describe('the single sign-on provider, for an authorization-code flow with PKCE; null when not configured (OIDC_CLIENT_ID) or not reachable'),
});

export const principalSchema = z.object({
  sub: z.string().describe('the user name, or the single sign-on subject'),
  role: z.enum(ROLES),
  hospitalId: z.string().nullable(),
});

export const passwordChangeSchema = z.strictObject({ currentPassword: passwordSchema, newPassword: passwordSchema });

export const newUserSchema = z.strictObject({
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(64),
  role: z.enum(ROLES),
  hospitalId: z.string().trim().min(1).max(64).optional(),
  town: z.string().trim().min(1).max(64).optional(),
  initialPassword: passwordSchema,
});

export const userSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  hospitalId: z.string().nullable(),
  town: z.string().nullable(),
  mustChangePassword: z.boolean(),
  disabled: z.boolean(),
  createdAt: z.string(),
  lastSignInAt: z.string().nullable(),
});

export const userListSchema = z.object({ items: z.array(userSchema) });
export const passwordResetSchema = z.object({ user: userSchema, initialPassword: z.string().describe('a one-time password to hand over; it must be changed at the next sign-in') });
export const usernameParamsSchema = z.strictObject({ username: usernameSchema });

export const signInAuditQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().min(1).optional().describe('the `id` of the last entry of the previous page'),
  username: z.string().min(1).max(128).optional(),
});

export const signInAuditSchema = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      at: z.string(),
      username: z.string().describe('the account; for a failed sign-in, the user name tried'),
      event: z.enum(AUDIT_EVENTS),
      address: z.string().nullable(),
      by: z.string().nullable().describe('the administrator who did it; null when it was the user'),
    }),
  ),
  nextBefore: z.number().int().nullable().describe('pass as `before` for the next page; null on the last'),
});

for (const [schema, id] of [
  [signInRequestSchema, 'SignInRequest'],
  [signedInSchema, 'SignedIn'],
  [signInMethodsSchema, 'SignInMethods'],
  [principalSchema, 'Principal'],
  [passwordChangeSchema, 'PasswordChange'],
  [newUserSchema, 'NewUser'],
  [userSchema, 'User'],
  [userListSchema, 'UserList'],
  [passwordResetSchema, 'PasswordReset'],
  [signInAuditSchema, 'SignInAudit'],
] as const) {
  apiSchemaRegistry.add(schema as z.ZodType, { id });
}
