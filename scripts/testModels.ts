export async function ensureTestModels(): Promise<void> {}
