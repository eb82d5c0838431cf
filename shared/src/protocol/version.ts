/** Bumped whenever a command, event or view changes shape; client and server must agree at connect. */
export const PROTOCOL_VERSION = 3;
