import { render, screen, waitFor } from '@testing-library/react';
import { Modal } from 'antd';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n/I18nProvider';

function preferReducedMotion(reduce: boolean) {
  const original = window.matchMedia;
  window.matchMedia = (query: string) => ({
    ...original(query),
    matches: query === '(prefers-reduced-motion: reduce)' ? reduce : original(query).matches,
  });
  return () => {
    window.matchMedia = original;
  };
}

function openDialog() {
  render(
    <I18nProvider>
      <Modal open title="审核">
        内容
      </Modal>
    </I18nProvider>,
  );
  return () => screen.getByRole('dialog').closest('.ant-modal')?.className;
}

describe('reduced motion', () => {
  it('opens a dialog with its zoom animation by default', async () => {
    const restore = preferReducedMotion(false);
    try {
      const className = openDialog();
      await waitFor(() => expect(className()).toMatch(/ant-zoom-appear-active/));
    } finally {
      restore();
    }
  });

  it('opens a dialog without animating when the system asks for reduced motion', async () => {
    const restore = preferReducedMotion(true);
    try {
      const className = openDialog();
      // A dialog still passes through one "prepare" step (where it remembers the mouse position).
      await waitFor(() => expect(className()).not.toMatch(/ant-zoom/));
    } finally {
      restore();
    }
  });
});
