// Helpers for the feedback page tests.
import { waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { units } from '../../test/fixtures';

/** Opens an antd Select (by its combobox) and picks the option with that title. */
export async function choose(combobox: HTMLElement, title: string) {
  await userEvent.click(combobox);
  const option = await waitFor(() => {
    // The newest open dropdown first: a previous one may still be animating out (pointer-events: none).
    const found = [...document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')]
      .filter((dropdown) => !/-leave/.test(dropdown.className))
      .reverse()
      .flatMap((dropdown) => [...dropdown.querySelectorAll<HTMLElement>('.ant-select-item-option')])
      .find((el) => el.title === title);
    if (!found) throw new Error(`no option ${title}`);
    return found;
  });
  await userEvent.click(option);
}

/** Shows the current URL, to check where a page navigated. */
export function Where() {
  const location = useLocation();
  return <div data-testid="location">{location.pathname + location.search}</div>;
}

/** The unit directory as the gateway lists it. */
export const unitPage = () => ({ items: units, total: units.length, page: 1, page_size: 200 });

/** Query parameters of a stubbed request. */
export const queryOf = (request: Request) => Object.fromEntries(new URL(request.url).searchParams);
