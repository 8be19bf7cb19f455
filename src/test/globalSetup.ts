// Unit tests that exercise model adapters need the tiny generated ONNX models.
export default async function setup(): Promise<void> {
  const { ensureTestModels } = await import('../../scripts/testModels');
  await ensureTestModels();
}
