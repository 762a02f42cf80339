export interface LegacyHost {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  url: string;
  /** `METHOD /path` of every request to the page's form action: a post-back the page should never make. */
  formPosts: string[];
  stop(): Promise<void>;
}

/** Where the legacy page's `<form method="post">` posts back. */
export const FORM_ACTION: string;

/** Serves tests/e2e/legacy/ with Bootstrap 3, jQuery 1.x, the built bundle, and /api proxied to `api`. */
export function startLegacyHost(options: { api: string }): Promise<LegacyHost>;
