import type { IncomingMessage, ServerResponse } from 'node:http';

/** Handles a /faults/ request; returns false for any other path. */
export function handleFault(req: IncomingMessage, res: ServerResponse): boolean;

/** Points the poll route (`/faults/poll/…`) at a running reference server. */
export function usePollServer(url: string): void;

/** The reference server's error bodies the poll route sends in its stead, by status. */
export const SERVER_ERRORS: Record<400 | 404 | 410 | 413 | 429 | 500, { error: string; message: string }>;

/** Seconds the `429` kind asks to wait (`Retry-After`). */
export const SHORT_RETRY_AFTER: number;

/** A polls file with the polls of `basePath` and the pool of fresh polls the poll route hands out. */
export function writePollsWithPool(basePath: string): string;

/** The endpoint on a free loopback port; `pollServer`: the reference server behind its poll route. */
export function startFaultyEndpoint(options?: { pollServer?: string }): Promise<{ url: string; close(): Promise<void> }>;

/** The endpoint as a Koa middleware for @web/dev-server. */
export function faultMiddleware(ctx: unknown, next: () => Promise<unknown>): unknown;
