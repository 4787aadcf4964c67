import { useSyncExternalStore } from 'react';

// The operating system's "reduce motion" setting (WCAG 2.3.3): antd's modals, drawers and wave
// effects then appear without animating.
const QUERY = '(prefers-reduced-motion: reduce)';

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia(QUERY);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}

const snapshot = () => window.matchMedia(QUERY).matches;

export function useReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, snapshot);
}
