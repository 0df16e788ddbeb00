/**
 * The emulator's users and tokens: login (v1 and v3, `code` for accounts with two-factor
 * authentication), tokens that expire (24 h in the real service, SUP-AUTH), logout revoking a
 * token, and counters of logins so tests can prove "one login per process".
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Reply } from './jobs';
import { date } from './model';

export interface UserSeed {
  readonly userName: string;
  readonly password: string;
  /** The account uses 2FA: a login needs one of these codes, each accepted once (TOTP codes are short-lived). */
  readonly twoFactorCodes?: readonly string[];
}

export class Accounts {
  private readonly users = new Map<string, { password: string; uid: string; id: string; codes?: Set<string> }>();
  readonly tokens = new Map<string, { userName: string; expires: number }>();
  /** Successful logins, and refused ones. */
  logins = 0;
  refusedLogins = 0;

  constructor(
    seeds: readonly UserSeed[],
    private readonly ttlMs: () => number,
    nextId: () => number,
  ) {
    for (const u of seeds) {
      this.users.set(u.userName, {
        password: u.password,
        uid: `user-${u.userName}`,
        id: String(nextId()),
        codes: u.twoFactorCodes && new Set(u.twoFactorCodes),
      });
    }
  }

  /** The user a live token belongs to. */
  userOf(authorization: string | undefined): string | undefined {
    const auth = /^ApiToken (.+)$/.exec(String(authorization ?? ''));
    const token = auth && this.tokens.get(auth[1]!);
    return token && token.expires >= Date.now() ? token.userName : undefined;
  }

  expireAll(): void {
    for (const t of this.tokens.values()) t.expires = Date.now() - 1;
  }

  login(body: unknown): Reply {
    const b = body as { userName?: unknown; password?: unknown; code?: unknown } | undefined;
    const user = typeof b?.userName === 'string' ? this.users.get(b.userName) : undefined;
    if (!user || user.password !== b!.password) {
      this.refusedLogins++;
      return [401, { errorCode: 'AuthInvalidCredentials', errorDescription: 'Invalid credentials' }];
    }
    // [INF] the exact answer to a missing or stale 2FA code is not documented: a 401 like any refusal.
    if (user.codes && (typeof b!.code !== 'string' || !user.codes.delete(b!.code))) {
      this.refusedLogins++;
      return [
        401,
        {
          errorCode: 'AuthInvalidCredentials',
          errorDescription:
            b!.code === undefined
              ? 'Two-factor authentication code required'
              : 'Invalid or expired two-factor authentication code',
        },
      ];
    }
    this.logins++;
    const token = randomBytes(24).toString('base64url');
    const expires = Date.now() + this.ttlMs();
    this.tokens.set(token, { userName: b!.userName as string, expires });
    return [
      200,
      {
        user: this.userDto(b!.userName as string),
        token,
        expires: date(expires),
        lastInvalidateAllSessionsPerformed: null,
      },
    ];
  }

  /** `POST /api2/v1/auth/logout`: the token stops working (S24, 204). */
  logout(authorization: string | undefined): Reply {
    const auth = /^ApiToken (.+)$/.exec(String(authorization ?? ''));
    if (auth) this.tokens.delete(auth[1]!);
    return [204, undefined];
  }

  whoAmI(userName: string): Reply {
    // `features` is an object (FeaturesDto), not an array (phrase-tms-behaviour.md).
    return [
      200,
      {
        user: this.userDto(userName),
        csrfToken: randomUUID(),
        organization: { uid: 'org-emulated', name: 'Emulated Org' },
        edition: { type: 'ULTIMATE', name: 'Ultimate' },
        features: { icuEnabled: true, rejectJobs: false, qaHighlightsEnabled: false },
      },
    ];
  }

  userDto(userName: string): Record<string, unknown> {
    const u = this.users.get(userName) ?? [...this.users.values()][0]!;
    return {
      firstName: 'Emulated',
      lastName: 'User',
      userName,
      email: `${userName}@example.invalid`,
      role: 'ADMIN',
      id: u.id,
      uid: u.uid,
    };
  }
}
