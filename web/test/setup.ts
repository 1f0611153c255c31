import '@testing-library/jest-dom/vitest';
import { afterEach, vi } from 'vitest';
import { cleanup, configure } from '@testing-library/react';

// Pages are lazy chunks that vitest transforms on first use; on a busy machine that takes seconds.
vi.setConfig({ testTimeout: 120_000 });
configure({ asyncUtilTimeout: 40_000 });

afterEach(() => {
  cleanup();
  localStorage.clear();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});
