import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import type { Me } from '../../api/types';
import { NotFoundPage } from '../StatusPages';
import { BulletinListPage } from './BulletinListPage';
import { BulletinPage } from './BulletinPage';
import { LeaguePage } from './LeaguePage';
import { landsOnSummary } from './permissions';
import { SummaryPage } from './SummaryPage';

/** Routes under /bulletins/*: leaders opening the area land on their one-screen summary. */
export function BulletinsRoutes({ me }: { me: Me }) {
  // The period and date in the URL go along with the redirect.
  const { search } = useLocation();
  return (
    <Routes>
      <Route index element={landsOnSummary(me) ? <Navigate to={{ pathname: 'summary', search }} replace /> : <BulletinListPage me={me} />} />
      <Route path="all" element={<BulletinListPage me={me} />} />
      <Route path="league" element={<LeaguePage me={me} />} />
      <Route path="summary" element={<SummaryPage me={me} />} />
      <Route path=":id" element={<BulletinPage me={me} />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
