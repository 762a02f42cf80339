export const TEST_EDITOR: { username: string; password: string };
export const TEST_EDITOR_ENV: string;
