import { ensureTestModels } from '../scripts/testModels';
import { makeEncodingFixtures, makeFixtures } from './fixtures';

export default async function globalSetup(): Promise<void> {
  await ensureTestModels();
  makeFixtures();
  await makeEncodingFixtures();
}
