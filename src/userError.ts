/** A refusal meant for the user (bad option, missing permission, a limit reached), as opposed to a bug. */
export class UserError extends Error {}
