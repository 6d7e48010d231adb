// Where the client talks to and with which credentials, resolved once from flags and the environment.
import { inspect } from 'node:util';
import { ConfigError } from '../errors.js';
import { ref } from '../messages/said.js';

export const DEFAULT_BASE_URL = 'https://open.feishu.cn';

/**
 * The app secret, wrapped so that logging, JSON-serialising or inspecting a config object prints `[redacted]`.
 * Only the token fetcher calls reveal().
 */
export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return '[redacted]';
  }
  toJSON(): string {
    return '[redacted]';
  }
  [inspect.custom](): string {
    return '[redacted]';
  }
}

export interface ClientConfig {
  /** Scheme, host and port, e.g. `https://open.feishu.cn`: the keep-alive pool is per origin. */
  origin: string;
  /** A path prefix before `/open-apis/…` (empty for Feishu itself; set when a proxy serves the API under a path). */
  pathPrefix: string;
  appId: string;
  appSecret: Secret;
}

export interface ResolveOptions {
  baseUrl?: string;
  env: NodeJS.ProcessEnv;
}

export function resolveClientConfig({ baseUrl, env }: ResolveOptions): ClientConfig {
  const raw = baseUrl ?? env.FEISHU_BASE_URL ?? DEFAULT_BASE_URL;
  const url = parseBaseUrl(raw);
  const appId = env.FEISHU_APP_ID?.trim();
  if (!appId) throw new ConfigError(ref('submit.config.missingAppId'));
  // The secret is not trimmed of inner content, only of surrounding whitespace (a common copy-paste accident).
  const appSecret = env.FEISHU_APP_SECRET?.trim();
  if (!appSecret) throw new ConfigError(ref('submit.config.missingAppSecret'));
  return {
    origin: url.origin,
    pathPrefix: url.pathname.replace(/\/+$/, ''),
    appId,
    appSecret: new Secret(appSecret),
  };
}

function parseBaseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ConfigError(ref('submit.config.badBaseUrl', { url: raw }));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(ref('submit.config.badBaseUrl', { url: raw }));
  }
  // Plain http would send the app secret and tokens in clear text; only the local sandbox may use it.
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw new ConfigError(ref('submit.config.insecureBaseUrl', { url: raw }));
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new ConfigError(ref('submit.config.badBaseUrl', { url: `${url.protocol}//${url.host}${url.pathname}` }));
  }
  return url;
}

/** 127.0.0.0/8, ::1 and localhost. `URL.hostname` keeps IPv6 brackets and normalises IPv4 forms such as `127.1`. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost') return true;
  if (host === '[::1]') return true;
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  return m !== null && m[1] === '127';
}
