import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// findBy*/waitFor give whole antd pages 5 s (not 1 s) to settle: CI machines are shared and slow.
configure({ asyncUtilTimeout: 5000 });

// antd's responsive helpers call matchMedia, which jsdom does not implement. Width queries are
// answered against window.innerWidth (1024 in jsdom), so components see a desktop screen. Reduced motion is
// not asked for (src/layout/reducedMotion.test.tsx sets it): with antd's motion off, a form's error message is
// rendered again right after it shows, so a node findByText returned could already be detached.
function matches(query: string): boolean {
  if (query === '(prefers-reduced-motion: reduce)') return false;
  const min = /min-width:\s*(\d+)px/.exec(query);
  const max = /max-width:\s*(\d+)px/.exec(query);
  return (!min || window.innerWidth >= Number(min[1])) && (!max || window.innerWidth <= Number(max[1]));
}

Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({
    matches: matches(query),
    media: query,
    onchange: null,
    addListener: vi.fn(),
    removeListener: vi.fn(),
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
    dispatchEvent: vi.fn(),
  }),
});

afterEach(() => {
  cleanup();
  localStorage.clear();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});
