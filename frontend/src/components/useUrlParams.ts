import { useSearchParams } from 'react-router-dom';

export type UrlParamValue = string | number | null | undefined;

/**
 * A list page's search, filters and page in the URL, so a link or a reload shows the same list. `update`
 * sets the given params and removes the empty ones (and those `isDefault` names), and goes back to the
 * first page unless `keepPage`. The history is replaced, not pushed: back leaves the list.
 */
export function useUrlParams<K extends string = string>(isDefault?: (key: string, value: string | number) => boolean) {
  const [params, setParams] = useSearchParams();
  const update = (changes: Partial<Record<K, UrlParamValue>>, keepPage = false) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes) as [string, UrlParamValue][]) {
          if (value === undefined || value === null || value === '' || isDefault?.(key, value)) next.delete(key);
          else next.set(key, String(value));
        }
        if (!keepPage) next.delete('page');
        return next;
      },
      { replace: true },
    );
  return [params, update] as const;
}
