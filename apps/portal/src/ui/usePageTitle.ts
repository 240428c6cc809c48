import { useEffect } from 'react';

/** Each page says where the person is in the tab title (RGAA 8.6). */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} — Guichet Installation Santé`;
  }, [title]);
}
