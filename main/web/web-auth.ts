/**
 * Who may talk to the web host. It listens on 127.0.0.1 only, but any local process and any web
 * page the browser visits can reach that address, so every HTTP request and WebSocket upgrade
 * must carry the per-run token (in the URL, or in the cookie the first page load set), name this
 * server as its Host (defeats DNS rebinding), and a WebSocket must come from this server's own
 * Origin (defeats cross-site WebSocket hijacking, since browsers send cookies cross-site).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A fresh random token: 256 bits, URL-safe. */
export function createToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Constant-time comparison. Both sides are hashed first, so neither the comparison nor an early
 * length check reveals how much of a guess was right.
 */
export function tokensEqual(expected: string, candidate: string | undefined): boolean {
  if (candidate === undefined) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(candidate).digest();
  return timingSafeEqual(a, b);
}

/** The cookie is per port: cookies ignore ports, and two web hosts must not overwrite each other's. */
export function cookieName(port: number): string {
  return `forkpad-token-${port}`;
}

export function cookieHeader(port: number, token: string): string {
  return `${cookieName(port)}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}

function cookieValue(request: IncomingMessage, name: string): string | undefined {
  const header = request.headers.cookie;
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index !== -1 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}

export interface Gate {
  readonly token: string;
  /** Set once the server listens. */
  port: number;
}

export type AuthResult =
  | { readonly ok: true; readonly tokenInUrl: boolean }
  | { readonly ok: false; readonly status: number; readonly reason: string };

/** The Host header values this server answers to. */
function allowedHosts(port: number): readonly string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

function checkToken(gate: Gate, request: IncomingMessage, url: URL): AuthResult {
  const fromUrl = url.searchParams.get('token') ?? undefined;
  if (fromUrl !== undefined && tokensEqual(gate.token, fromUrl)) return { ok: true, tokenInUrl: true };
  if (tokensEqual(gate.token, cookieValue(request, cookieName(gate.port)))) return { ok: true, tokenInUrl: false };
  const reason = fromUrl === undefined ? 'this request carries no token' : 'the token is wrong';
  return { ok: false, status: 403, reason: `Forbidden: ${reason}. Open the URL the web host printed when it started.` };
}

/** Checks an HTTP request: Host, then token. */
export function authorizeRequest(gate: Gate, request: IncomingMessage, url: URL): AuthResult {
  if (!allowedHosts(gate.port).includes(request.headers.host ?? '')) {
    return { ok: false, status: 421, reason: `Misdirected request: this server answers only to 127.0.0.1:${gate.port}.` };
  }
  return checkToken(gate, request, url);
}

/** Checks a WebSocket upgrade: Host, Origin (this server's own), then token. */
export function authorizeUpgrade(gate: Gate, request: IncomingMessage, url: URL): AuthResult {
  const host = request.headers.host ?? '';
  if (!allowedHosts(gate.port).includes(host)) {
    return { ok: false, status: 421, reason: `Misdirected request: this server answers only to 127.0.0.1:${gate.port}.` };
  }
  const origin = request.headers.origin;
  if (origin !== `http://${host}`) {
    const got = origin === undefined ? 'no Origin' : `Origin ${origin.slice(0, 200)}`;
    return { ok: false, status: 403, reason: `Forbidden: a WebSocket from ${got}; only pages served by this host may connect.` };
  }
  return checkToken(gate, request, url);
}
