/**
 * Every tag of the kit, the one list: `define.ts` registers exactly these (TypeScript holds the two
 * together), and tests, demo and tools read it from here. No side effects: importing it registers nothing.
 */
export const TAGS = ['egov-agency-footer', 'egov-article-view', 'egov-banners', 'egov-poll', 'egov-video', 'egov-web-links'] as const;

export type Tag = (typeof TAGS)[number];
