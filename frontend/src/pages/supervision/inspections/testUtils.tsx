import { waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { jsonResponse } from '../../../test/render';
import { plan, units } from '../../../test/fixtures';

/** Opens an antd Select and picks the option with this title. */
export async function choose(combobox: HTMLElement, title: string) {
  await userEvent.click(combobox);
  const option = await waitFor(() => {
    const dropdowns = [...document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')];
    const found = dropdowns
      .flatMap((dropdown) => [...dropdown.querySelectorAll<HTMLElement>('.ant-select-item-option')])
      .find((el) => el.title === title);
    if (!found) throw new Error(`no option ${title}`);
    return found;
  });
  await userEvent.click(option);
}

/** Shows the current URL, to check where a page navigated. */
export function LocationProbe() {
  const location = useLocation();
  return <div data-testid="location">{location.pathname + location.search}</div>;
}

/** Plans and the unit directory, which most pages load. */
export const COMMON_ROUTES = {
  'GET /api/tasks/v1/plans': () => jsonResponse(200, [plan()]),
  'GET /api/auth/v1/units': () => jsonResponse(200, { items: units, total: units.length, page: 1, page_size: 200 }),
};

export const query = (request: Request) => Object.fromEntries(new URL(request.url).searchParams);

/** First loads can take a while on a busy test machine. */
export const SLOW = { timeout: 10_000 };
