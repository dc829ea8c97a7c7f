/** Types for providers.js (plain JS so it runs with `node` inside a network namespace, no build). */
/** `files`: a dataset file served by path (dataset `files`). */
export type Provider = 'hubspot' | 'zendesk' | 'slack' | 'googleNews' | 'edgar' | 'newsroom' | 'mixpanel' | 'pendo' | 'gong' | 'gmail' | 'graph' | 'googleCalendar' | 'intercom' | 'salesforce' | 'files';

export interface RecordedRequest {
  seq: number;
  provider: Provider;
  method: string;
  host: string | undefined;
  path: string;
  url: string;
  query: Record<string, string>;
  /** Header values; authorization/cookie are redacted to `Bearer ***abcd` / `Basic user:***`. */
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json: any;
  status: number;
  fault: boolean;
}

export interface FaultResponse {
  /** Ignored with `hang`. */
  status: number;
  retryAfter?: number;
  /** Intercom's 429: X-RateLimit-Reset this many seconds from now (default 1), no Retry-After. */
  resetAfter?: number;
  /** Salesforce: the errorCode and message of the error array (403 default REQUEST_LIMIT_EXCEEDED). */
  errorCode?: string;
  message?: string;
  /** Gmail: the error reason (rateLimitExceeded, userRateLimitExceeded, insufficientPermissions …). */
  reason?: string;
  body?: unknown;
  /** A plain-text body (an HTML error page, a proxy's text, JSONL lines for the Mixpanel export). */
  text?: string;
  /** The provider answers as usual, but its streamed body breaks off after this many lines. */
  breakAfterLines?: number;
  headers?: Record<string, string>;
  /** Fill `{{authorization}}`, `{{credential}}`, `{{decoded}}`, `{{url}}` in body, text and headers from the request. */
  echo?: boolean;
  /** Never answer (the request stays open until the client gives up or the fake closes). */
  hang?: boolean;
}

export interface FaultRule {
  provider: Exclude<Provider, 'files'>;
  method?: string;
  /** Exact path or prefix, e.g. `/api/v2/incremental/tickets/cursor.json`. */
  path?: string;
  responses: FaultResponse[];
  /** Keep answering with the last response (a source that fails for good). */
  repeatLast?: boolean;
}

export interface FakeProviders {
  handler: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void;
  state: any;
  load(dataset: object): void;
  reset(): void;
  addFault(rule: FaultRule): void;
  requests(): RecordedRequest[];
  /** E-mails the SMTP fake received (from, to, subject, html, text, envelope). */
  emails(): Array<{ from: string; to: string; subject: string; html: string; text: string; envelope: { from: string; to: string[] } }>;
  setLogger(log: (line: string) => void): void;
}

export interface RunningFakeProviders extends FakeProviders {
  httpUrl?: string;
  httpsUrl?: string;
  controlSocket?: string;
  /** The SMTP fake's port on loopback, when started with `smtp`. */
  smtpPort?: number;
  close(): Promise<void>;
}

export function createFakeProviders(dataset?: object): FakeProviders;
export function startFakeProviders(options?: {
  dataset?: object;
  host?: string;
  httpPort?: number | null;
  https?: { port?: number; cert: string | Buffer; key: string | Buffer };
  controlSocket?: string;
  smtp?: { port?: number };
  log?: (line: string) => void;
}): Promise<RunningFakeProviders>;
export function providerForHost(host: string | undefined): Provider | undefined;
export function redact(value: string): string;
