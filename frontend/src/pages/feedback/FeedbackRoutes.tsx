import { Route, Routes } from 'react-router-dom';
import type { Me } from '../../api/types';
import { entersCases } from '../../feedback/permissions';
import { ForbiddenPage, NotFoundPage } from '../StatusPages';
import { CaseDetailPage } from './CaseDetailPage';
import { CaseEntryPage } from './CaseEntryPage';
import { CasesPage } from './CasesPage';
import { ClusterDetailPage } from './clusters/ClusterDetailPage';
import { ClustersPage } from './clusters/ClustersPage';
import { seesClusters } from './clusters/permissions';
import { FeedbackSections } from './FeedbackNav';
import { EntryPage } from './knowledge/EntryPage';
import { KnowledgePage } from './knowledge/KnowledgePage';
import { readsKnowledge } from './knowledge/permissions';
import { LeaguePage } from './league/LeaguePage';
import { DispatchQualityPage } from './quality/DispatchQualityPage';
import { seesDispatchQuality } from './quality/permissions';
import { seesRatings } from './ratings/permissions';
import { RatingsPage } from './ratings/RatingsPage';
import { RepeatsPage } from './repeats/RepeatsPage';
import './feedback.css';

/** 企业诉求 under /feedback: the queues and list, one case, the staff entry form, the sections under the tabs, one knowledge entry. */
export function FeedbackRoutes({ me }: { me: Me }) {
  return (
    <Routes>
      <Route element={<FeedbackSections me={me} />}>
        <Route index element={<CasesPage me={me} />} />
        <Route path="clusters" element={seesClusters(me) ? <ClustersPage me={me} /> : <ForbiddenPage />} />
        <Route path="repeats" element={<RepeatsPage me={me} />} />
        <Route path="league" element={<LeaguePage me={me} />} />
        <Route path="ratings" element={seesRatings(me) ? <RatingsPage me={me} /> : <ForbiddenPage />} />
        <Route path="knowledge" element={readsKnowledge(me) ? <KnowledgePage me={me} /> : <ForbiddenPage />} />
        <Route path="dispatch-quality" element={seesDispatchQuality(me) ? <DispatchQualityPage me={me} /> : <ForbiddenPage />} />
      </Route>
      <Route path="knowledge/:id" element={readsKnowledge(me) ? <EntryPage me={me} /> : <ForbiddenPage />} />
      <Route path="clusters/:code" element={seesClusters(me) ? <ClusterDetailPage me={me} /> : <ForbiddenPage />} />
      <Route path="new" element={entersCases(me) ? <CaseEntryPage /> : <ForbiddenPage />} />
      <Route path="cases/:caseNo" element={<CaseDetailPage me={me} />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
