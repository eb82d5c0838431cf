/**
 * CL-8: a document write made under a writer lease (`epoch`) that is no longer valid: another process took the
 * lease over (a higher epoch), or it expired. Nothing was written.
 */
export class Fenced extends Error {}
