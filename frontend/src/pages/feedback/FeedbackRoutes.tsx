import { Route, Routes } from 'react-router-dom';
import type { Me } from '../../api/types';
import { entersCases } from '../../feedback/permissions';
import { ForbiddenPage, NotFoundPage } from '../StatusPages';
import { CaseDetailPage } from './CaseDetailPage';
import { CaseEntryPage } from './CaseEntryPage';
import { CasesPage } from './CasesPage';
import './feedback.css';

/** 企业诉求 under /feedback: the queues and list, one case, and the staff entry form. */
export function FeedbackRoutes({ me }: { me: Me }) {
  return (
    <Routes>
      <Route index element={<CasesPage me={me} />} />
      <Route path="new" element={entersCases(me) ? <CaseEntryPage /> : <ForbiddenPage />} />
      <Route path="cases/:caseNo" element={<CaseDetailPage me={me} />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
