import { afterEach } from 'vitest';
import { closeAll } from './helpers/closeAfterTest';

// Registered before any test file's own hooks, so it runs after them: a file may still read its bot's state in its afterEach.
afterEach(closeAll);
