export async function runDiscord(..._args: unknown[]): Promise<void> { throw new Error("not yet"); }
