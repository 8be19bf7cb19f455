import { ensureTestModels } from '../scripts/testModels';
import { makeFixtures } from './fixtures';

export default async function globalSetup(): Promise<void> {
  await ensureTestModels();
  makeFixtures();
}
