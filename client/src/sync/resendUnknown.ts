/**
 * CM-6: how long a command whose outcome the server could not tell waits before it is sent again with its id (its
 * store is frozen: not at once). The browser's (`BoardSession`), and the cluster tests', which resend as it does.
 */
export const RESEND_UNKNOWN_MS = 2_000;
