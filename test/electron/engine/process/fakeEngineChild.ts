/** Engine child entry for process tests: the real child plumbing around the fake engine. */
import { currentParentLink, serveEngineChild } from '../../../../electron/engine/process/childMain';
import { createFakeEngine } from './fakeEngineTestUtils';

void serveEngineChild(async (controls) => createFakeEngine(controls), currentParentLink());
